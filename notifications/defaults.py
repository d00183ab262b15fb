"""The default wording of every kind in Thai and English, as staff-editable templates.

These are data, not gettext strings: each language has its own template, and
staff edit them in the admin. The rows are seeded from here (migration 0003 and
``manage.py notification_templates_load``); a kind without a row in the
database is rendered from here, so delivery never depends on the seed.
"""

from .kinds import Kind

TH_SIGN = "สำนักงานเมืองอัจฉริยะประเทศไทย"
EN_SIGN = "Smart City Thailand Office"
TH_TAG = "[เมืองอัจฉริยะประเทศไทย]"
EN_TAG = "[Smart City Thailand]"

_CHANGE_TH = """เรียน {{ recipient_name }}

ข้อเสนอ {{ proposal_reference }} “{{ proposal_name }}” ของ{{ organisation }} เปลี่ยนขั้นตอนแล้ว:
{{ from_state }} → {{ to_state }}
ขั้นตอน: {{ action }}
วันที่: {{ date }}
{% if note %}หมายเหตุ: {{ note }}
{% endif %}{% if deadline %}กำหนดส่ง: {{ deadline }}
{% endif %}{% if meeting %}การประชุม: {{ meeting }}
{% endif %}
ดูรายละเอียด: {{ proposal_url }}

"""
_CHANGE_EN = """Dear {{ recipient_name }},

The proposal {{ proposal_reference }} “{{ proposal_name }}” of {{ organisation }} has moved:
{{ from_state }} → {{ to_state }}
Step: {{ action }}
Date: {{ date }}
{% if note %}Note: {{ note }}
{% endif %}{% if deadline %}Deadline: {{ deadline }}
{% endif %}{% if meeting %}Meeting: {{ meeting }}
{% endif %}
Details: {{ proposal_url }}

"""
_MEETING_TH = """วันที่: {{ meeting_date }} เวลา {{ meeting_time }} น.
สถานที่หรือลิงก์: {{ meeting_place }}
บทบาทของท่าน: {{ role }}
"""
_MEETING_EN = """Date: {{ meeting_date }}, {{ meeting_time }}
Place or link: {{ meeting_place }}
Your role: {{ role }}
"""

# kind -> {language: (subject, text)}; the HTML is derived from the text unless given.
TEXTS = {
    Kind.STATUS_CHANGE: {
        "th": (f"{TH_TAG} {{{{ proposal_reference }}}}: {{{{ to_state }}}}", _CHANGE_TH + TH_SIGN),
        "en": (f"{EN_TAG} {{{{ proposal_reference }}}}: {{{{ to_state }}}}", _CHANGE_EN + EN_SIGN),
    },
    Kind.REVISION_REQUESTED: {
        "th": (
            f"{TH_TAG} {{{{ proposal_reference }}}}: ขอให้แก้ไข ภายใน {{{{ deadline }}}}",
            _CHANGE_TH + "โปรดส่งฉบับแก้ไขภายในวันที่ {{ deadline }}\n\n" + TH_SIGN,
        ),
        "en": (
            f"{EN_TAG} {{{{ proposal_reference }}}}: revision requested by {{{{ deadline }}}}",
            _CHANGE_EN + "Please hand in the revised proposal by {{ deadline }}.\n\n" + EN_SIGN,
        ),
    },
    Kind.NEW_SUBMISSION: {
        "th": (f"{TH_TAG} ข้อเสนอใหม่รอตรวจ: {{{{ proposal_reference }}}}", _CHANGE_TH + TH_SIGN),
        "en": (f"{EN_TAG} New submission to screen: {{{{ proposal_reference }}}}", _CHANGE_EN + EN_SIGN),
    },
    Kind.REVISION_ANSWERED: {
        "th": (f"{TH_TAG} ส่งฉบับแก้ไขแล้ว: {{{{ proposal_reference }}}}", _CHANGE_TH + TH_SIGN),
        "en": (f"{EN_TAG} Revision handed in: {{{{ proposal_reference }}}}", _CHANGE_EN + EN_SIGN),
    },
    Kind.PLAN_HANDED_IN: {
        "th": (f"{TH_TAG} ส่งแผนรายละเอียดแล้ว รอประเมิน: {{{{ proposal_reference }}}}", _CHANGE_TH + TH_SIGN),
        "en": (f"{EN_TAG} Detailed plan handed in for evaluation: {{{{ proposal_reference }}}}",
               _CHANGE_EN + EN_SIGN),
    },
    Kind.PLAN_REVISION_ANSWERED: {
        "th": (f"{TH_TAG} ส่งแผนรายละเอียดฉบับแก้ไขแล้ว: {{{{ proposal_reference }}}}", _CHANGE_TH + TH_SIGN),
        "en": (f"{EN_TAG} Revised detailed plan handed in: {{{{ proposal_reference }}}}", _CHANGE_EN + EN_SIGN),
    },
    Kind.EVALUATOR_ASSIGNED: {
        "th": (
            f"{TH_TAG} มอบหมายให้ประเมิน {{{{ proposal_reference }}}} ด้าน{{{{ dimension }}}}",
            "เรียน {{ recipient_name }}\n\nท่านได้รับมอบหมายให้ประเมินข้อเสนอ {{ proposal_reference }} "
            "“{{ proposal_name }}” ใน{{ dimension }}\nกำหนดส่งคะแนน: {{ due_date }}\n\n"
            "ดูรายละเอียด: {{ portal_url }}\n\n" + TH_SIGN,
        ),
        "en": (
            f"{EN_TAG} Please evaluate {{{{ proposal_reference }}}}: {{{{ dimension }}}}",
            "Dear {{ recipient_name }},\n\nYou are assigned to evaluate the proposal {{ proposal_reference }} "
            "“{{ proposal_name }}” in {{ dimension }}.\nScores due: {{ due_date }}\n\n"
            "Details: {{ portal_url }}\n\n" + EN_SIGN,
        ),
    },
    Kind.SCORES_DUE: {
        "th": (
            f"{TH_TAG} ใกล้กำหนดส่งคะแนน {{{{ proposal_reference }}}} ({{{{ due_date }}}})",
            "เรียน {{ recipient_name }}\n\nคะแนนการประเมินข้อเสนอ {{ proposal_reference }} ใน{{ dimension }} "
            "ครบกำหนดส่งวันที่ {{ due_date }} (อีก {{ days }} วัน)\n\n{{ portal_url }}\n\n" + TH_SIGN,
        ),
        "en": (
            f"{EN_TAG} Scores due for {{{{ proposal_reference }}}} ({{{{ due_date }}}})",
            "Dear {{ recipient_name }},\n\nYour scores for the proposal {{ proposal_reference }} in {{ dimension }} "
            "are due on {{ due_date }} ({{ days }} days left).\n\n{{ portal_url }}\n\n" + EN_SIGN,
        ),
    },
    Kind.MEETING_NOTICE: {
        "th": (
            f"{TH_TAG} เชิญประชุมครั้งที่ {{{{ meeting_label }}}} {{{{ body_name }}}}",
            "เรียน {{ recipient_name }}\n\nขอเชิญประชุม{{ body_name }} ครั้งที่ {{ meeting_label }}\n" + _MEETING_TH
            + "{% if short_notice_reason %}เหตุผลที่แจ้งล่วงหน้าน้อยกว่ากำหนด: {{ short_notice_reason }}\n{% endif %}"
            "\nระเบียบวาระและเอกสารอยู่ในพอร์ทัล ที่เมนู “การประชุมของฉัน”: {{ meeting_url }}\n\n" + TH_SIGN,
        ),
        "en": (
            f"{EN_TAG} Notice of meeting no. {{{{ meeting_label }}}}, {{{{ body_name }}}}",
            "Dear {{ recipient_name }},\n\nYou are invited to meeting no. {{ meeting_label }} of the {{ body_name }}.\n"
            + _MEETING_EN
            + "{% if short_notice_reason %}Reason for short notice: {{ short_notice_reason }}\n{% endif %}"
            "\nThe agenda and the documents are on the portal, under “My meetings”: {{ meeting_url }}\n\n" + EN_SIGN,
        ),
    },
    Kind.AGENDA_PUBLISHED: {
        "th": (
            f"{TH_TAG} ระเบียบวาระการประชุมครั้งที่ {{{{ meeting_label }}}} {{{{ body_name }}}}",
            "เรียน {{ recipient_name }}\n\nระเบียบวาระการประชุม{{ body_name }} ครั้งที่ {{ meeting_label }} "
            "เผยแพร่แล้ว\n" + _MEETING_TH + "\n{{ agenda }}\n\n{{ meeting_url }}\n\n" + TH_SIGN,
        ),
        "en": (
            f"{EN_TAG} Agenda of meeting no. {{{{ meeting_label }}}}, {{{{ body_name }}}}",
            "Dear {{ recipient_name }},\n\nThe agenda of meeting no. {{ meeting_label }} of the {{ body_name }} "
            "is published.\n" + _MEETING_EN + "\n{{ agenda }}\n\n{{ meeting_url }}\n\n" + EN_SIGN,
        ),
    },
    Kind.VOTING_OPEN: {
        "th": (
            f"{TH_TAG} เปิดลงมติ การประชุมครั้งที่ {{{{ meeting_label }}}}",
            "เรียน {{ recipient_name }}\n\nการลงมติในการประชุม{{ body_name }} ครั้งที่ {{ meeting_label }} "
            "เปิดแล้ว โปรดลงมติที่ {{ meeting_url }}\n\n" + TH_SIGN,
        ),
        "en": (
            f"{EN_TAG} Voting open, meeting no. {{{{ meeting_label }}}}",
            "Dear {{ recipient_name }},\n\nVoting is open at meeting no. {{ meeting_label }} of the "
            "{{ body_name }}. Please vote at {{ meeting_url }}\n\n" + EN_SIGN,
        ),
    },
    Kind.MINUTES: {
        "th": (
            f"{TH_TAG} รายงานการประชุมครั้งที่ {{{{ meeting_label }}}} {{{{ body_name }}}}",
            "เรียน {{ recipient_name }}\n\nรายงานการประชุม{{ body_name }} ครั้งที่ {{ meeting_label }} "
            "({{ meeting_date }}) พร้อมให้ตรวจแล้วที่ {{ meeting_url }}\n\n" + TH_SIGN,
        ),
        "en": (
            f"{EN_TAG} Minutes of meeting no. {{{{ meeting_label }}}}, {{{{ body_name }}}}",
            "Dear {{ recipient_name }},\n\nThe minutes of meeting no. {{ meeting_label }} of the {{ body_name }} "
            "({{ meeting_date }}) are ready at {{ meeting_url }}\n\n" + EN_SIGN,
        ),
    },
    Kind.REVISION_DEADLINE: {
        "th": (
            f"{TH_TAG} เตือน: อีก {{{{ days }}}} วันครบกำหนดส่งฉบับแก้ไข {{{{ proposal_reference }}}}",
            "เรียน {{ recipient_name }}\n\nข้อเสนอ {{ proposal_reference }} “{{ proposal_name }}” "
            "ต้องส่งฉบับแก้ไขภายในวันที่ {{ deadline }} (อีก {{ days }} วัน)\n\n{{ proposal_url }}\n\n" + TH_SIGN,
        ),
        "en": (
            f"{EN_TAG} Reminder: revision of {{{{ proposal_reference }}}} due in {{{{ days }}}} days",
            "Dear {{ recipient_name }},\n\nThe revised proposal {{ proposal_reference }} “{{ proposal_name }}” "
            "is due on {{ deadline }} ({{ days }} days left).\n\n{{ proposal_url }}\n\n" + EN_SIGN,
        ),
    },
    Kind.MEETING_REMINDER: {
        "th": (
            f"{TH_TAG} เตือน: ประชุมครั้งที่ {{{{ meeting_label }}}} อีก {{{{ days }}}} วัน",
            "เรียน {{ recipient_name }}\n\nการประชุม{{ body_name }} ครั้งที่ {{ meeting_label }} "
            "จะมีขึ้นในอีก {{ days }} วัน\n" + _MEETING_TH + "\n{{ meeting_url }}\n\n" + TH_SIGN,
        ),
        "en": (
            f"{EN_TAG} Reminder: meeting no. {{{{ meeting_label }}}} in {{{{ days }}}} days",
            "Dear {{ recipient_name }},\n\nMeeting no. {{ meeting_label }} of the {{ body_name }} is in "
            "{{ days }} days.\n" + _MEETING_EN + "\n{{ meeting_url }}\n\n" + EN_SIGN,
        ),
    },
    Kind.RENEWAL_REMINDER: {
        "th": (
            f"{TH_TAG} เตือน: ใบรับรอง {{{{ proposal_reference }}}} จะหมดอายุ {{{{ valid_until }}}}",
            "เรียน {{ recipient_name }}\n\nการรับรองเมืองอัจฉริยะ {{ proposal_reference }} “{{ proposal_name }}” "
            "มีอายุถึงวันที่ {{ valid_until }} (อีก {{ days }} วัน) โปรดยื่นขอต่ออายุพร้อมรายงานความก้าวหน้า"
            "\n\n{{ proposal_url }}\n\n" + TH_SIGN,
        ),
        "en": (
            f"{EN_TAG} Reminder: the certificate of {{{{ proposal_reference }}}} ends on {{{{ valid_until }}}}",
            "Dear {{ recipient_name }},\n\nThe Smart City certification of {{ proposal_reference }} "
            "“{{ proposal_name }}” is valid until {{ valid_until }} ({{ days }} days left). Please apply for "
            "renewal with a progress report.\n\n{{ proposal_url }}\n\n" + EN_SIGN,
        ),
    },
    Kind.PROGRESS_REPORT: {
        "th": (
            f"{TH_TAG} รายงานประจำปี {{{{ report_year }}}} {{{{ proposal_reference }}}}: {{{{ to_state }}}}",
            "เรียน {{ recipient_name }}\n\nรายงานความก้าวหน้าประจำปี {{ report_year }} ของ “{{ proposal_name }}” "
            "({{ proposal_reference }}) เปลี่ยนสถานะ: {{ from_state }} → {{ to_state }}\n"
            "ขั้นตอน: {{ action }}\nวันที่: {{ date }}\n{% if note %}หมายเหตุ: {{ note }}\n{% endif %}"
            "{% if progress %}ความก้าวหน้าของแผน: {{ progress }} %\n{% endif %}"
            "\n{{ portal_url }}\n\n" + TH_SIGN,
        ),
        "en": (
            f"{EN_TAG} Annual report {{{{ report_year }}}} of {{{{ proposal_reference }}}}: {{{{ to_state }}}}",
            "Dear {{ recipient_name }},\n\nThe annual progress report {{ report_year }} of “{{ proposal_name }}” "
            "({{ proposal_reference }}) has moved: {{ from_state }} → {{ to_state }}\n"
            "Step: {{ action }}\nDate: {{ date }}\n{% if note %}Note: {{ note }}\n{% endif %}"
            "{% if progress %}Plan progress: {{ progress }} %\n{% endif %}"
            "\n{{ portal_url }}\n\n" + EN_SIGN,
        ),
    },
    Kind.MEETING_POSTPONED: {
        "th": (
            f"{TH_TAG} เลื่อนการประชุมครั้งที่ {{{{ meeting_label }}}} {{{{ body_name }}}}",
            "เรียน {{ recipient_name }}\n\nการประชุม{{ body_name }} ครั้งที่ {{ meeting_label }} "
            "ซึ่งเดิมกำหนดวันที่ {{ previous_date }} เวลา {{ previous_time }} น. ขอเลื่อนเป็น\n" + _MEETING_TH
            + "{% if reason %}เหตุผล: {{ reason }}\n{% endif %}"
            "{% if short_notice_reason %}เหตุผลที่แจ้งล่วงหน้าน้อยกว่ากำหนด: {{ short_notice_reason }}\n{% endif %}"
            "\n{{ meeting_url }}\n\n" + TH_SIGN,
        ),
        "en": (
            f"{EN_TAG} Meeting no. {{{{ meeting_label }}}} postponed, {{{{ body_name }}}}",
            "Dear {{ recipient_name }},\n\nMeeting no. {{ meeting_label }} of the {{ body_name }}, called for "
            "{{ previous_date }} at {{ previous_time }}, is postponed to:\n" + _MEETING_EN
            + "{% if reason %}Reason: {{ reason }}\n{% endif %}"
            "{% if short_notice_reason %}Reason for short notice: {{ short_notice_reason }}\n{% endif %}"
            "\n{{ meeting_url }}\n\n" + EN_SIGN,
        ),
    },
    Kind.MEETING_CANCELLED: {
        "th": (
            f"{TH_TAG} ยกเลิกการประชุมครั้งที่ {{{{ meeting_label }}}} {{{{ body_name }}}}",
            "เรียน {{ recipient_name }}\n\nขอยกเลิกการประชุม{{ body_name }} ครั้งที่ {{ meeting_label }} "
            "ซึ่งกำหนดวันที่ {{ meeting_date }} เวลา {{ meeting_time }} น.\nเหตุผล: {{ reason }}\n\n" + TH_SIGN,
        ),
        "en": (
            f"{EN_TAG} Meeting no. {{{{ meeting_label }}}} cancelled, {{{{ body_name }}}}",
            "Dear {{ recipient_name }},\n\nMeeting no. {{ meeting_label }} of the {{ body_name }}, called for "
            "{{ meeting_date }} at {{ meeting_time }}, is cancelled.\nReason: {{ reason }}\n\n" + EN_SIGN,
        ),
    },
    Kind.RESOLUTION: {
        "th": (
            f"{TH_TAG} มติที่ประชุม {{{{ proposal_reference }}}}: {{{{ resolution }}}}",
            "เรียน {{ recipient_name }}\n\nที่ประชุม{{ body_name }} ครั้งที่ {{ meeting_label }} "
            "({{ meeting_date }}) มีมติต่อข้อเสนอ {{ proposal_reference }} “{{ proposal_name }}” ของ{{ organisation }}:\n"
            "{{ resolution }}\n{% if resolution_text %}\n{{ resolution_text }}\n{% endif %}"
            "\nดูรายละเอียด: {{ proposal_url }}\n\n" + TH_SIGN,
        ),
        "en": (
            f"{EN_TAG} Resolution on {{{{ proposal_reference }}}}: {{{{ resolution }}}}",
            "Dear {{ recipient_name }},\n\nMeeting no. {{ meeting_label }} of the {{ body_name }} "
            "({{ meeting_date }}) resolved on the proposal {{ proposal_reference }} “{{ proposal_name }}” of "
            "{{ organisation }}:\n{{ resolution }}\n{% if resolution_text %}\n{{ resolution_text }}\n{% endif %}"
            "\nDetails: {{ proposal_url }}\n\n" + EN_SIGN,
        ),
    },
    Kind.SCORES_COMPLETE: {
        "th": (
            f"{TH_TAG} ผู้ประเมินส่งคะแนนครบแล้ว: {{{{ proposal_reference }}}}",
            "เรียน {{ recipient_name }}\n\nผู้ประเมินทั้ง {{ count }} รายส่งคะแนนข้อเสนอ {{ proposal_reference }} "
            "“{{ proposal_name }}” ของ{{ organisation }} ครบแล้ว\n\nดูรายละเอียด: {{ proposal_url }}\n\n" + TH_SIGN,
        ),
        "en": (
            f"{EN_TAG} All scores are in: {{{{ proposal_reference }}}}",
            "Dear {{ recipient_name }},\n\nAll {{ count }} evaluators of the proposal {{ proposal_reference }} "
            "“{{ proposal_name }}” of {{ organisation }} have submitted their scores.\n\n"
            "Details: {{ proposal_url }}\n\n" + EN_SIGN,
        ),
    },
    Kind.DIGEST: {
        "th": (
            f"{TH_TAG} สรุปการแจ้งเตือนประจำวัน ({{{{ count }}}} รายการ)",
            "เรียน {{ recipient_name }}\n\nการแจ้งเตือนของท่านในวันที่ผ่านมา:\n\n{{ items }}\n\n{{ portal_url }}\n\n"
            + TH_SIGN,
        ),
        "en": (
            f"{EN_TAG} Your daily digest ({{{{ count }}}} notifications)",
            "Dear {{ recipient_name }},\n\nYour notifications of the past day:\n\n{{ items }}\n\n{{ portal_url }}\n\n"
            + EN_SIGN,
        ),
    },
}


def html_from_text(text: str) -> str:
    """The HTML twin of a text template: paragraphs and line breaks, placeholders kept."""
    paragraphs = [p.replace("\n", "<br>\n") for p in text.strip().split("\n\n")]
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f'<div style="font-family: sans-serif; line-height: 1.5">\n{body}\n</div>'


def default(kind, language) -> tuple:
    """(subject, text, html) for ``kind`` in ``language`` (Thai when the language has none)."""
    texts = TEXTS[Kind(kind)]
    subject, text = texts.get(language) or texts["th"]
    return subject, text, html_from_text(text)
