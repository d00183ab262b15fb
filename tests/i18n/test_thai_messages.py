"""With Thai active (the default), what people read is Thai; English is one switch away."""

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from applications.enums import Action, State
from applications.guards import submission_problems
from applications.workflow import TransitionError, transition
from tests import paths
from tests.factories import ProposalFactory, StaffFactory, proponent


@pytest.fixture(autouse=True)
def restore_language():
    # A request through the test client leaves its language active in this thread.
    before = translation.get_language()
    yield
    translation.activate(before)


THAI_STATES = {
    "draft": "ฉบับร่าง",
    "submitted": "ยื่นแล้ว",
    "screening": "อยู่ระหว่างตรวจสอบเอกสาร",
    "revision_requested": "ขอให้แก้ไข",
    "promotion_zone": "เขตส่งเสริมเมืองอัจฉริยะ",
    "evaluation": "อยู่ระหว่างประเมิน",
    "on_agenda": "เข้าวาระการประชุมคณะอนุกรรมการ",
    "approved": "คณะอนุกรรมการเห็นชอบ",
    "acknowledged": "คณะกรรมการรับทราบ",
    "certified": "ได้รับการรับรองเป็นเมืองอัจฉริยะ",
    "renewal": "ถึงกำหนดต่ออายุ",
    "expired": "หมดอายุ",
    "revoked": "เพิกถอน",
    "rejected": "ไม่เห็นชอบ",
    "withdrawn": "ถอนข้อเสนอ",
}


def test_state_labels_thai_when_thai_active():
    with translation.override("th"):
        assert {state.value: str(state.label) for state in State} == THAI_STATES


def test_state_labels_english_when_english_active():
    with translation.override("en"):
        assert str(State.REVISION_REQUESTED.label) == "Revision requested"
        assert str(State.CERTIFIED.label) == "Certified smart city"


def test_default_language_thai_for_request_without_preference():
    assert settings.LANGUAGE_CODE == "th"
    assert translation.get_language_from_request(RequestFactory().get("/")) == "th"


@pytest.mark.django_db
def test_refusal_message_thai_when_note_missing():
    proposal = paths.bring_to(State.SCREENING)
    with translation.override("th"), pytest.raises(TransitionError) as refused:
        transition(proposal, "reject", by=StaffFactory())
    assert (refused.value.code, refused.value.field) == ("invalid", "note")
    assert refused.value.message == "กรุณาระบุเหตุผล: “ไม่รับข้อเสนอ” ต้องบันทึกเหตุผลไว้เป็นหลักฐาน"
    proposal.refresh_from_db()
    assert proposal.status == State.SCREENING


@pytest.mark.django_db
def test_refusal_message_thai_when_move_not_possible():
    proposal = paths.bring_to(State.DRAFT)
    with translation.override("th"), pytest.raises(TransitionError) as refused:
        transition(proposal, Action.CERTIFY, by=StaffFactory())
    assert refused.value.message == (
        "ไม่สามารถ “รับรองเป็นเมืองอัจฉริยะ (มอบตราสัญลักษณ์แล้ว)” ได้ ขณะข้อเสนออยู่ในสถานะ “ฉบับร่าง”"
    )


@pytest.mark.django_db
def test_checklist_thai_for_empty_draft():
    proposal = ProposalFactory()
    with translation.override("th"):
        problems = submission_problems(proposal)
    assert problems[:3] == [
        "เกณฑ์ข้อ 1: เลือกจังหวัดที่ตั้งของพื้นที่เป้าหมาย",
        "เกณฑ์ข้อ 1: ระบุขอบเขตของพื้นที่เป้าหมาย",
        "เกณฑ์ข้อ 1: ระบุขนาดพื้นที่เป็นตารางกิโลเมตร",
    ]
    assert "เกณฑ์ข้อ 4: ต้องเสนอด้านสิ่งแวดล้อมอัจฉริยะด้วย" in problems


@pytest.mark.django_db
def test_proposal_page_thai_without_language_choice(client):
    user = proponent()
    proposal = ProposalFactory(organisation=user.memberships.get().organisation, name_th="เมืองทดสอบ")
    client.force_login(user)
    response = client.get(reverse("proposal-detail", args=[proposal.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="th">' in html
    assert '<span class="state state-draft">ฉบับร่าง</span>' in html
    assert "สิ่งที่ยังขาดก่อนยื่นข้อเสนอ" in html


@pytest.mark.django_db
def test_proposal_page_english_when_cookie_says_en(client):
    user = proponent()
    proposal = ProposalFactory(organisation=user.memberships.get().organisation, name_en="Test Town")
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("proposal-detail", args=[proposal.pk])).content.decode()
    assert '<html lang="en">' in html
    assert '<span class="state state-draft">Draft</span>' in html
    assert "Still missing before submission" in html
    assert "<h1>Test Town</h1>" in html


@pytest.mark.django_db
def test_set_language_remembers_english_in_cookie(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/proposals/"})
    assert (response.status_code, response["Location"]) == (302, "/proposals/")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Smart City Thailand certification" in html
