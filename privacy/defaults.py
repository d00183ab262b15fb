"""The first version of the privacy notice, loaded by ``load_privacy_notice`` (and the demo) where no
version exists yet. The Office edits it from the portal; each edit is a new version."""

FIRST_NOTICE = {
    "controller_th": "สำนักงานเมืองอัจฉริยะประเทศไทย สำนักงานส่งเสริมเศรษฐกิจดิจิทัล (ดีป้า) "
                     "ผู้ควบคุมข้อมูลส่วนบุคคลของพอร์ทัลการรับรองเมืองอัจฉริยะ",
    "controller_en": "The Smart City Thailand Office, Digital Economy Promotion Agency (depa), "
                     "the data controller of the Smart City certification portal.",
    "dpo_th": "เจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล (DPO) ของดีป้า: dpo@depa.or.th",
    "dpo_en": "depa's data protection officer (DPO): dpo@depa.or.th",
    "purposes_th": "เพื่อรับและพิจารณาข้อเสนอเมืองอัจฉริยะ จัดการประชุมของคณะกรรมการและคณะอนุกรรมการ "
                   "บันทึกมติ ออกใบรับรอง ติดตามผล และแจ้งข่าวสารเกี่ยวกับข้อเสนอแก่ผู้เกี่ยวข้อง",
    "purposes_en": "To receive and assess Smart City proposals, run the meetings of the committee and "
                   "subcommittees, record resolutions, issue certificates, follow progress and notify the "
                   "people concerned.",
    "legal_bases_th": "การปฏิบัติหน้าที่ในการดำเนินภารกิจเพื่อประโยชน์สาธารณะและการใช้อำนาจรัฐ "
                      "(มาตรา 24 (4) พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562) และการปฏิบัติตามกฎหมาย (มาตรา 24 (6))",
    "legal_bases_en": "A task carried out in the public interest and the exercise of official authority "
                      "(PDPA B.E. 2562, s. 24(4)), and compliance with the law (s. 24(6)).",
    "retention_th": "ข้อเสนอ มติ และบันทึกการประชุมเก็บเป็นเอกสารราชการตามระเบียบงานสารบรรณ "
                    "ประวัติการเข้าสู่ระบบและการแจ้งเตือนเก็บตามระยะเวลาที่สำนักงานกำหนด แล้วลบโดยอัตโนมัติ",
    "retention_en": "Proposals, resolutions and minutes are kept as official records. Sign-in history and "
                    "notifications are kept for the periods the Office sets, then deleted automatically.",
    "recipients_th": "เจ้าหน้าที่สำนักงาน ผู้ประเมิน และกรรมการที่ได้รับมอบหมาย ข้อมูลเปิดเผยต่อสาธารณะเฉพาะ "
                     "ข้อมูลของเมืองที่ได้รับการรับรอง ไม่มีชื่อ อีเมล หรือหมายเลขโทรศัพท์ของบุคคล",
    "recipients_en": "Office staff, the evaluators and the members of the bodies assigned. Open data holds "
                     "only certified cities' facts: no person's name, e-mail address or phone number.",
    "rights_th": "ท่านขอรับสำเนาข้อมูลของท่าน ขอแก้ไข หรือขอลบได้ที่หน้า \"ข้อมูลของฉัน\" "
                 "สำนักงานตอบภายใน 30 วัน",
    "rights_en": "You may download a copy of your data, and ask for it to be corrected or deleted, on the "
                 "\"My data\" page. The Office answers within 30 days.",
}
