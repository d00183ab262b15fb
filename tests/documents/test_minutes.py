import pytest
from django.urls import reverse

from reviews.models import BodyMembership
from tests.factories import StaffFactory, UserFactory

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


def minutes(client, meeting, user):
    client.force_login(user)
    return client.get(reverse("meeting-minutes", kwargs={"pk": meeting.pk}))


def test_minutes_in_thai_record_attendance_votes_resolution_and_dissent(client, voted_meeting, tmp_path):
    response = minutes(client, voted_meeting, voted_meeting.people["a"])

    assert response.status_code == 200
    (tmp_path / "minutes.pdf").write_bytes(response.content)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content)
    first, second = voted_meeting.proposals
    assert f"การประชุมครั้งที่ 1/{voted_meeting.year_be}" in text
    assert "คณะอนุกรรมการขับเคลื่อนและบริหารโครงการเมืองอัจฉริยะ" in text
    # Thai shaping: tone marks and vowels come back in their logical order.
    assert "ผู้เข้าประชุม" in text
    assert "ประเสริฐ จันทรรวงทอง (ประธาน)" in text
    assert "กมล แก้วใส (กรรมการ)" in text  # absent
    assert "ต้องพิจารณาให้ทันรอบการประชุมคณะกรรมการ" in text
    assert f"{first.reference} {first.name_th}" in text
    assert "อนันต์ ทองดี: เป็นกรรมการของเทศบาลผู้เสนอ" in text
    assert "งดออกเสียง" in text
    assert "เห็นชอบ: ให้ติดตามผลทุกหกเดือน" in text
    assert "วิภา ศรีสุข ลงมติ “ไม่เห็นชอบ”: งบประมาณไม่สอดคล้องกับแผน" in text
    assert f"{second.reference} {second.name_th}" in text
    assert "ยังไม่ได้ลงมติ" in text


def test_vote_counts_per_choice(client, voted_meeting):
    text = pdf_text(minutes(client, voted_meeting, StaffFactory()).content)
    # approve, in principle, not approve, abstain, total: first item, then the open one.
    assert "2 0 1 0 3" in text
    assert "0 0 0 0 0" in text


def test_staff_read_the_minutes(client, voted_meeting):
    assert minutes(client, voted_meeting, StaffFactory()).status_code == 200


@pytest.mark.parametrize("who", ["stranger", "former member", "other body", "anonymous"])
def test_others_get_404(client, voted_meeting, who):
    url = reverse("meeting-minutes", kwargs={"pk": voted_meeting.pk})
    if who == "anonymous":
        assert client.get(url).status_code == 404
        return
    user = UserFactory()
    if who == "former member":
        m = BodyMembership.objects.get(user=voted_meeting.people["a"])
        BodyMembership.objects.create(
            body=m.body, user=user, term_start=m.term_start, term_end=m.term_start.replace(year=m.term_start.year + 1)
        )
    elif who == "other body":
        m = BodyMembership.objects.get(user=voted_meeting.people["a"])
        BodyMembership.objects.create(body_id=m.body_id - 1 or 3, user=user, term_start=m.term_start)
    assert minutes(client, voted_meeting, user).status_code == 404


def test_unknown_meeting_is_404(client, voted_meeting):
    client.force_login(StaffFactory())
    assert client.get(reverse("meeting-minutes", kwargs={"pk": voted_meeting.pk + 99})).status_code == 404
