"""Minutes of a meeting with an open item: marked as a draft on every page, and the running count
of the open item left out for ordinary members (it is theirs once the chair closes the item)."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from applications.enums import State
from reviews.models import AgendaItem, Resolution, Vote
from tests.factories import StaffFactory
from tests.paths import bring_to

from .conftest import pdf_text

pytestmark = pytest.mark.django_db

DRAFT = "ฉบับร่าง / DRAFT"
HIDDEN = "ผลการนับคะแนนจะแสดงเมื่อประธานปิดวาระแล้ว"
# approve, in principle, not approve, abstain, total
OPEN_COUNT = "1 0 1 0 2"
CLOSED_COUNT = "2 0 1 0 3"


@pytest.fixture
def open_vote(voted_meeting):
    """The second item is still open, with two votes cast on it."""
    people = voted_meeting.people
    item = AgendaItem.objects.get(meeting=voted_meeting, proposal=voted_meeting.proposals[1])
    Vote.objects.create(agenda_item=item, member=people["chair"], choice="approve")
    Vote.objects.create(agenda_item=item, member=people["a"], choice="not_approve", reason="ยังไม่ครบถ้วน")
    voted_meeting.open_item = item
    return voted_meeting


def minutes(client, meeting, user):
    client.force_login(user)
    response = client.get(reverse("meeting-minutes", kwargs={"pk": meeting.pk}))
    assert response.status_code == 200
    return response.content


def pages(content):
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def test_a_member_reads_no_running_count_and_every_page_says_draft(client, open_vote):
    content = minutes(client, open_vote, open_vote.people["a"])
    text = pdf_text(content)

    assert OPEN_COUNT not in text
    assert HIDDEN in text
    assert CLOSED_COUNT in text  # the closed item's count is the record
    assert all(DRAFT in sheet for sheet in pages(content))


def test_the_chair_the_secretary_and_the_office_read_the_running_count(client, open_vote):
    for user in (open_vote.people["chair"], open_vote.people["secretary"], StaffFactory()):
        text = pdf_text(minutes(client, open_vote, user))
        assert OPEN_COUNT in text and HIDDEN not in text
        assert DRAFT in text


def test_once_every_item_is_closed_the_minutes_are_final_and_the_count_is_everyones(client, open_vote):
    item, people = open_vote.open_item, open_vote.people
    resolution = Resolution.objects.create(
        meeting=open_vote, proposal=item.proposal, kind="approve", recorded_by=people["chair"]
    )
    item.resolution, item.closed_at, item.closed_by = resolution, timezone.now(), people["chair"]
    item.save()

    text = pdf_text(minutes(client, open_vote, people["a"]))

    assert OPEN_COUNT in text and HIDDEN not in text
    assert "ฉบับร่าง" not in text and "DRAFT" not in text


def test_a_long_agenda_is_a_draft_on_every_page(client, open_vote):
    for order in range(3, 9):
        AgendaItem.objects.create(meeting=open_vote, proposal=bring_to(State.ON_AGENDA), order=order)
    sheets = pages(minutes(client, open_vote, open_vote.people["b"]))
    assert len(sheets) >= 3
    assert all(DRAFT in sheet for sheet in sheets)
