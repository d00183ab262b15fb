"""The demo's people and organisations: who they are, and making sure they exist.

The organisations are real Thai local governments and institutions so the
pages read naturally; every person, proposal and outcome in the demo is
invented. Re-running finds rows by their natural key and creates only what is
missing.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import make_password

from accounts.models import Membership, User
from provinces.models import Organisation, OrganisationKind, Province
from reviews.enums import BodyKind, MemberRole
from reviews.models import Body, BodyMembership


@dataclass(frozen=True)
class Person:
    username: str
    first_name: str
    last_name: str
    position: str
    phone: str = ""
    office_staff: bool = False
    evaluator: bool = False


@dataclass(frozen=True)
class Org:
    key: str
    name_th: str
    name_en: str
    kind: str  # provinces.OrganisationKind.code
    province: str  # DOPA code
    # The first member may invite colleagues (Membership.is_admin).
    members: tuple = field(default=())


OFFICE = "สำนักงานเมืองอัจฉริยะประเทศไทย สำนักงานส่งเสริมเศรษฐกิจดิจิทัล (ดีป้า)"

PEOPLE = (
    Person("staff", "พิมพ์ชนก", "ศรีสุข", f"เจ้าหน้าที่ฝ่ายเลขานุการ {OFFICE}", "02-026-2333", office_staff=True),
    Person("evaluator", "ธนากร", "วงศ์ไพศาล", "ผู้ทรงคุณวุฒิ คณะทำงานประเมินแผนการเป็นเมืองอัจฉริยะ 7 ด้าน",
           evaluator=True),
    Person("evaluator2", "ณัฐวดี", "จันทร์เพ็ญ", "อาจารย์ คณะสถาปัตยกรรมศาสตร์และการผังเมือง (คณะทำงานประเมินแผนฯ)",
           evaluator=True),
    Person("chair", "ประเสริฐ", "มั่นคงวงศ์", "ประธานคณะอนุกรรมการขับเคลื่อนและบริหารโครงการเมืองอัจฉริยะ"),
    Person("secretary", "วรวุฒิ", "ทองประเสริฐ", f"เลขานุการคณะอนุกรรมการ {OFFICE}"),
    Person("member1", "สุภาวดี", "เกษมสันต์", "ผู้แทนกระทรวงมหาดไทย"),
    Person("member2", "กิตติพงษ์", "อินทรวงศ์", "ผู้แทนกระทรวงคมนาคม"),
    Person("member3", "อรุณี", "พัฒนกุล", "ผู้แทนกระทรวงพลังงาน"),
    Person("member4", "ชัยวัฒน์", "ศรีสวัสดิ์", "ผู้ทรงคุณวุฒิด้านการผังเมือง"),
    Person("member5", "จิราพร", "บุญมา", "ผู้ทรงคุณวุฒิด้านเศรษฐกิจดิจิทัล"),
    Person("proponent", "สมศักดิ์", "ทองดี", "ผู้อำนวยการกองยุทธศาสตร์และงบประมาณ เทศบาลนครภูเก็ต", "076-211-144"),
    Person("proponent.phuket", "กมลชนก", "แซ่ตัน", "นักวิชาการคอมพิวเตอร์ เทศบาลนครภูเก็ต"),
    Person("proponent2", "มาลัย", "ศรีวงศ์", "นักวิเคราะห์นโยบายและแผน เทศบาลนครขอนแก่น", "043-221-186"),
    Person("proponent.khonkaen", "ภานุวัฒน์", "พลศักดิ์", "วิศวกรโยธา กองช่าง เทศบาลนครขอนแก่น"),
    Person("proponent.kktt", "ศุภชัย", "แก้วมณี", "ผู้จัดการฝ่ายพัฒนาโครงการ บริษัท ขอนแก่นพัฒนาเมือง จำกัด"),
    Person("proponent.cmpao", "ปวีณา", "อินต๊ะ", "นักวิเคราะห์นโยบายและแผน องค์การบริหารส่วนจังหวัดเชียงใหม่"),
    Person("proponent.cmu", "ดร.วีรยุทธ", "คำปัน", "ผู้ช่วยอธิการบดีฝ่ายเมืองอัจฉริยะ มหาวิทยาลัยเชียงใหม่"),
    Person("proponent.rayong", "อัญชลี", "สุขประเสริฐ", "หัวหน้าฝ่ายแผนงาน เทศบาลนครระยอง"),
    Person("proponent.maptaphut", "ธีรพงษ์", "ชลวิทย์", "ผู้อำนวยการกองสาธารณสุขและสิ่งแวดล้อม เทศบาลเมืองมาบตาพุด"),
    Person("proponent.hatyai", "นูรีซัน", "หมัดอาหลี", "นักวิเคราะห์นโยบายและแผน เทศบาลนครหาดใหญ่"),
    Person("proponent.songkhla", "วิชัย", "ณ สงขลา", "หัวหน้าฝ่ายบริการและเผยแพร่วิชาการ เทศบาลนครสงขลา"),
    Person("proponent.bma", "ธนพร", "เลิศวัฒนา", "นักผังเมืองชำนาญการ สำนักการวางผังและพัฒนาเมือง กรุงเทพมหานคร"),
    Person("proponent.riverside", "ปิยะพงษ์", "รัตนโกสินทร์", "กรรมการผู้จัดการ บริษัท ริเวอร์ไซด์ สมาร์ท ดิสทริคท์ จำกัด"),
)

ORGANISATIONS = (
    Org("phuket", "เทศบาลนครภูเก็ต", "Phuket City Municipality", "city_municipality", "83",
        ("proponent", "proponent.phuket")),
    Org("khonkaen", "เทศบาลนครขอนแก่น", "Khon Kaen City Municipality", "city_municipality", "40",
        ("proponent2", "proponent.khonkaen")),
    Org("kktt", "บริษัท ขอนแก่นพัฒนาเมือง จำกัด", "Khon Kaen Think Tank Co., Ltd.", "private_developer", "40",
        ("proponent.kktt",)),
    Org("cmpao", "องค์การบริหารส่วนจังหวัดเชียงใหม่", "Chiang Mai Provincial Administrative Organisation", "pao",
        "50", ("proponent.cmpao",)),
    Org("cmu", "มหาวิทยาลัยเชียงใหม่", "Chiang Mai University", "university", "50", ("proponent.cmu",)),
    Org("rayong", "เทศบาลนครระยอง", "Nakhon Rayong City Municipality", "city_municipality", "21",
        ("proponent.rayong",)),
    Org("maptaphut", "เทศบาลเมืองมาบตาพุด", "Map Ta Phut Town Municipality", "town_municipality", "21",
        ("proponent.maptaphut",)),
    Org("hatyai", "เทศบาลนครหาดใหญ่", "Hat Yai City Municipality", "city_municipality", "90",
        ("proponent.hatyai",)),
    Org("songkhla", "เทศบาลนครสงขลา", "Songkhla City Municipality", "city_municipality", "90",
        ("proponent.songkhla",)),
    Org("bma", "กรุงเทพมหานคร", "Bangkok Metropolitan Administration", "bma", "10", ("proponent.bma",)),
    # Invented: a private developer, so the demo's revoked and rejected cases name no real company.
    Org("riverside", "บริษัท ริเวอร์ไซด์ สมาร์ท ดิสทริคท์ จำกัด", "Riverside Smart District Co., Ltd.",
        "private_developer", "10", ("proponent.riverside",)),
)

# Seats on the bodies: (username, body kind, role, affiliation).
SEATS = (
    ("chair", BodyKind.SUBCOMMITTEE, MemberRole.CHAIR, "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"),
    ("secretary", BodyKind.SUBCOMMITTEE, MemberRole.SECRETARY, "สำนักงานส่งเสริมเศรษฐกิจดิจิทัล"),
    ("member1", BodyKind.SUBCOMMITTEE, MemberRole.MEMBER, "กระทรวงมหาดไทย"),
    ("member2", BodyKind.SUBCOMMITTEE, MemberRole.MEMBER, "กระทรวงคมนาคม"),
    ("member3", BodyKind.SUBCOMMITTEE, MemberRole.MEMBER, "กระทรวงพลังงาน"),
    ("member4", BodyKind.SUBCOMMITTEE, MemberRole.MEMBER, "ผู้ทรงคุณวุฒิ"),
    ("member5", BodyKind.SUBCOMMITTEE, MemberRole.MEMBER, "ผู้ทรงคุณวุฒิ"),
    # The subcommittee's chair and secretary also sit on the committee that acknowledges its approvals.
    ("chair", BodyKind.COMMITTEE, MemberRole.MEMBER, "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"),
    ("secretary", BodyKind.COMMITTEE, MemberRole.SECRETARY, "สำนักงานส่งเสริมเศรษฐกิจดิจิทัล"),
    ("evaluator", BodyKind.WORKING_GROUP, MemberRole.MEMBER, "ผู้ทรงคุณวุฒิ"),
    ("evaluator2", BodyKind.WORKING_GROUP, MemberRole.MEMBER, "มหาวิทยาลัยขอนแก่น"),
)

# Terms began before the oldest demo meeting (about five years back) and are still running.
TERM_YEARS_BACK = 6


def ensure_people(counts) -> dict:
    """Every demo user, with the current DEMO_PASSWORD; returns them by username."""
    # One hash for all: hashing is deliberately slow (~0.5 s each), and these
    # accounts share one published password anyway.
    password = make_password(settings.DEMO_PASSWORD)
    users = {}
    for person in PEOPLE:
        user, created = User.objects.get_or_create(
            username=person.username,
            defaults={
                "first_name": person.first_name,
                "last_name": person.last_name,
                "email": f"{person.username}@example.go.th",
                "position": person.position,
                "phone": person.phone,
                "preferred_language": "th",
                "is_office_staff": person.office_staff,
                # Office staff work mainly in the Django admin.
                "is_staff": person.office_staff,
                "is_evaluator": person.evaluator,
            },
        )
        counts["users"] += created
        user.password = password
        user.save(update_fields=["password"])
        users[person.username] = user
    return users


def ensure_organisations(users, counts) -> dict:
    """The proponent organisations with their members; returns them by key."""
    kinds = {k.code: k for k in OrganisationKind.objects.all()}
    provinces = {p.code: p for p in Province.objects.all()}
    orgs = {}
    for spec in ORGANISATIONS:
        org, created = Organisation.objects.get_or_create(
            name_th=spec.name_th,
            defaults={"name_en": spec.name_en, "kind": kinds[spec.kind], "province": provinces[spec.province]},
        )
        counts["organisations"] += created
        for position, username in enumerate(spec.members):
            Membership.objects.get_or_create(
                user=users[username], organisation=org, defaults={"is_admin": position == 0}
            )
        orgs[spec.key] = org
    return orgs


def ensure_seats(users, today: datetime.date) -> dict:
    """Body memberships with a current term; returns the bodies by kind."""
    bodies = {b.kind: b for b in Body.objects.all()}
    start = datetime.date(today.year - TERM_YEARS_BACK, 1, 1)
    for username, kind, role, affiliation in SEATS:
        BodyMembership.objects.get_or_create(
            body=bodies[kind], user=users[username], role=role,
            defaults={"affiliation": affiliation, "term_start": start},
        )
    return bodies


def missing_reference_data() -> list:
    """What load_reference_data should have created and the demo relies on."""
    missing = []
    kinds = set(OrganisationKind.objects.values_list("code", flat=True))
    missing += [f"organisation kind {o.kind}" for o in ORGANISATIONS if o.kind not in kinds]
    provinces = set(Province.objects.values_list("code", flat=True))
    missing += [f"province {o.province}" for o in ORGANISATIONS if o.province not in provinces]
    bodies = set(Body.objects.values_list("kind", flat=True))
    missing += [f"body {kind}" for kind in BodyKind.values if kind not in bodies]
    return sorted(set(missing))
