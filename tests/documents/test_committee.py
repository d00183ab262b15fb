import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from applications.enums import State
from core.thai import be_year
from reviews.models import AgendaItem, Body, Meeting, Resolution
from tests.factories import UserFactory
from tests.paths import bring_to

pytestmark = pytest.mark.django_db
URL = "/reviews/committee/"


def committee_meeting(days=0):
    when = timezone.now() + datetime.timedelta(days=days)
    body = Body.objects.get(kind="committee")
    year = be_year(timezone.localtime(when).year)
    number = Meeting.objects.filter(body=body, year_be=year).count() + 1
    return Meeting.objects.create(body=body, year_be=year, number=number, held_at=when, place="ทำเนียบรัฐบาล")


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_url_name():
    assert reverse("committee-acknowledge") == URL


def test_acknowledges_a_batch_and_refuses_one_that_is_not_approved(client, staff):
    meeting = committee_meeting(days=-1)
    first, second = bring_to(State.APPROVED), bring_to(State.APPROVED)
    stale = bring_to(State.ON_AGENDA)  # still before the subcommittee: the workflow refuses it
    client.force_login(staff)

    page = client.get(URL)
    assert page.status_code == 200
    assert first.reference in page.content.decode() and stale.reference not in page.content.decode()

    response = client.post(URL, {
        "step": "acknowledge", "ack-meeting": meeting.pk, "ack-proposals": [first.pk, second.pk, stale.pk],
    })

    assert response.status_code == 302
    for proposal in (first, second):
        proposal.refresh_from_db()
        assert proposal.status == State.ACKNOWLEDGED
        item = AgendaItem.objects.get(meeting=meeting, proposal=proposal)
        assert item.resolution.kind == "acknowledge"
        assert item.closed_at is not None and item.closed_by == staff
        assert item.resolution.text == "ที่ประชุมคณะกรรมการรับทราบมติเห็นชอบของคณะอนุกรรมการ"
        assert proposal.history.latest("at").resolution == item.resolution
    assert [i.order for i in AgendaItem.objects.filter(meeting=meeting)] == [1, 2]
    stale.refresh_from_db()
    assert stale.status == State.ON_AGENDA
    # Its own transaction was undone: no agenda item, no resolution left behind.
    assert not AgendaItem.objects.filter(meeting=meeting, proposal=stale).exists()
    assert not Resolution.objects.filter(meeting=meeting, proposal=stale).exists()
    messages = texts(response)
    assert f"{first.reference} {first.name_th}: คณะกรรมการรับทราบแล้วในการประชุมครั้งที่ {meeting.label}" in messages
    refused = [m for m in messages if m.startswith(f"{stale.reference} ")]
    assert len(refused) == 1 and "ดำเนินการไม่ได้" in refused[0] and "เข้าวาระการประชุมคณะอนุกรรมการ" in refused[0]


def test_a_meeting_not_held_yet_is_refused(client, staff):
    meeting = committee_meeting(days=3)
    proposal = bring_to(State.APPROVED)
    client.force_login(staff)
    response = client.post(URL, {"step": "acknowledge", "ack-meeting": meeting.pk, "ack-proposals": [proposal.pk]})
    assert response.status_code == 200
    assert "การประชุมนี้ยังไม่ได้จัดขึ้น" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == State.APPROVED


def test_a_subcommittee_meeting_cannot_acknowledge(client, staff):
    proposal = bring_to(State.APPROVED)
    subcommittee = AgendaItem.objects.get(proposal=proposal).meeting
    client.force_login(staff)
    response = client.post(URL, {"step": "acknowledge", "ack-meeting": subcommittee.pk, "ack-proposals": [proposal.pk]})
    assert response.status_code == 200
    proposal.refresh_from_db()
    assert proposal.status == State.APPROVED


def test_certify_shows_the_certificate_number(client, staff):
    first, second = bring_to(State.ACKNOWLEDGED), bring_to(State.ACKNOWLEDGED)
    client.force_login(staff)

    response = client.post(URL, {"step": "certify", "cert-proposals": [first.pk, second.pk]}, follow=True)

    year = be_year(timezone.localdate().year)
    for proposal in (first, second):
        proposal.refresh_from_db()
        assert proposal.status == State.CERTIFIED
        assert proposal.certificate_number == f"SCT-{year}-{proposal.pk:05d}"
        assert proposal.certified_on == timezone.localdate()
        assert proposal.valid_until == proposal.certified_on.replace(year=proposal.certified_on.year + 3)
    html = response.content.decode()
    assert f"{first.reference} {first.name_th}: รับรองแล้ว ใบรับรองเลขที่ {first.certificate_number}" in html
    assert reverse("certificate-pdf", kwargs={"pk": second.pk}) in html


def test_certify_twice_is_refused(client, staff):
    city = bring_to(State.CERTIFIED)
    number = city.certificate_number
    client.force_login(staff)
    response = client.post(URL, {"step": "certify", "cert-proposals": [city.pk]})
    assert any("ดำเนินการไม่ได้" in m for m in texts(response))
    city.refresh_from_db()
    assert city.certificate_number == number


def test_in_english(client, staff):
    from django.conf import settings

    committee_meeting(days=-1)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(staff)
    html = client.get(URL).content.decode()
    assert "Committee acknowledgement and emblem handover" in html
    assert "No approved proposal is waiting for the committee." in html


def test_in_thai(client, staff):
    committee_meeting(days=-1)
    bring_to(State.APPROVED)
    client.force_login(staff)
    html = client.get(URL).content.decode()
    assert "การรับทราบของคณะกรรมการและการมอบตราสัญลักษณ์" in html
    assert "บันทึกการรับทราบ" in html


@pytest.mark.parametrize("who", ["anonymous", "signed in", "member of the committee"])
def test_others_get_404(client, who):
    if who != "anonymous":
        user = UserFactory()
        if who == "member of the committee":
            from reviews.models import BodyMembership

            BodyMembership.objects.create(
                body=Body.objects.get(kind="committee"), user=user, role="chair",
                term_start=timezone.localdate() - datetime.timedelta(days=10),
            )
        client.force_login(user)
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"step": "certify"}).status_code == 404


def test_the_page_offers_a_page_of_candidates_at_a_constant_cost(client, staff, monkeypatch):
    """Thousands of proposals may wait at 100,000 (issue 16): each step offers one page of them, and the
    page costs the same queries with twice the rows; a proposal on the next page is one click away."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reviews.documents import views

    monkeypatch.setattr(views, "PER_PAGE", 2)
    committee_meeting(days=-1)
    client.force_login(staff)

    def cost():
        client.get(URL)
        with CaptureQueriesContext(connection) as captured:
            page = client.get(URL)
        return len(captured), page.content.decode()

    waiting = [bring_to(State.APPROVED) for _ in range(3)]
    few, html = cost()
    waiting += [bring_to(State.APPROVED) for _ in range(3)]
    many, html = cost()
    assert many == few
    shown = [p for p in waiting if f'value="{p.pk}"' in html]
    assert len(shown) == 2 and "ack_page=2" in html
    second = client.get(URL, {"ack_page": 2}).content.decode()
    assert any(f'value="{p.pk}"' in second for p in waiting if p not in shown)
