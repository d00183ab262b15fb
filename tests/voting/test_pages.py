"""The voting endpoints and the panel on the agenda-item page."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Membership
from applications.enums import State
from reviews.models import ConflictDeclaration, Resolution, Vote
from reviews.voting.services import vote_cast
from tests.factories import UserFactory

from .scenario import Item

pytestmark = pytest.mark.django_db


def post(client, user, name, item, data):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    response = client.post(reverse(name, args=[item.pk]), data)
    if response.status_code != 302:
        return response, []
    # Follow the redirect back to the page, which shows (and so consumes) the messages.
    page = client.get(response.url)
    assert page.status_code == 200
    return response, [str(m) for m in get_messages(page.wsgi_request)]


def panel(item, user, language="th"):
    request = RequestFactory().get("/")
    request.user = user
    with translation.override(language):
        return render_to_string("reviews/voting/_item_panel.html", {"item": item}, request=request)


@pytest.mark.parametrize("name", ["vote-cast", "conflict-declare", "item-close"])
def test_strangers_get_404(client, name):
    s = Item(members=2)
    response, _ = post(client, UserFactory(), name, s.item, {"choice": "approve", "reason": "x"})
    assert response.status_code == 404
    client.logout()
    assert client.post(reverse(name, args=[s.item.pk])).status_code == 302  # to the sign-in page
    assert client.get(reverse(name, args=[s.item.pk])).status_code in (302, 405)
    assert Vote.objects.count() == 0 and ConflictDeclaration.objects.count() == 0


def test_a_member_votes_once_through_the_page(client):
    s = Item(members=3)
    member = s.others[0]
    response, said = post(client, member, "vote-cast", s.item, {"choice": "approve", "reason": ""})
    assert response.status_code == 302
    assert said == ["Your vote is recorded: Approve."]

    _, said = post(client, member, "vote-cast", s.item, {"choice": "not_approve", "reason": "เปลี่ยนใจ"})
    assert said == ["You have already voted on this item; your first vote stands and nothing was changed."]
    assert list(Vote.objects.values_list("member_id", "choice")) == [(member.pk, "approve")]

    _, said = post(client, s.others[1], "vote-cast", s.item, {"choice": "not_approve", "reason": ""})
    assert said == ["Give the reasons for a vote of “Not approve”: they go into the minutes."]


def test_a_member_declares_a_conflict_through_the_page(client):
    s = Item(members=3)
    _, said = post(client, s.others[0], "conflict-declare", s.item, {"reason": "เป็นที่ปรึกษาของเทศบาล"})
    assert said == ["Your conflict of interest is recorded. You do not vote on this item or see its dossier."]
    assert ConflictDeclaration.objects.get().member == s.others[0]


def test_the_chair_closes_through_the_page(client):
    s = Item(members=3)
    for user in s.members[:2]:
        vote_cast(item=s.item, member=user, choice="in_principle", reason="ควรปรับแผน")
    _, said = post(client, s.others[1], "item-close", s.item, {"requested_changes": "ปรับแผน", "confirm": "yes"})
    assert said == ["Only the chair of the body closes an agenda item."]

    _, said = post(client, s.chair, "item-close", s.item, {"requested_changes": "ปรับแผนด้านการเดินทาง", "confirm": "yes"})
    assert said == ["The item is closed. Resolution: Approve in principle, with revisions."]
    s.proposal.refresh_from_db()
    assert s.proposal.status == State.REVISION_REQUESTED


def test_the_panel_for_a_member_before_and_after_voting():
    s = Item(members=3)
    member = s.others[0]
    html = panel(s.item, member)
    assert f'action="{reverse("vote-cast", args=[s.item.pk])}"' in html
    for label in ("เห็นชอบ", "เห็นชอบในหลักการ", "ไม่เห็นชอบ"):
        assert f">{label}" in html
    assert reverse("conflict-declare", args=[s.item.pk]) in html
    assert reverse("item-close", args=[s.item.pk]) not in html
    assert "tally" not in html  # members see the count once the item is closed

    vote = vote_cast(item=s.item, member=member, choice="approve")
    html = panel(s.item, member, "en")
    at = timezone.localtime(vote.cast_at).strftime("%H:%M")
    assert f"You voted <strong>Approve</strong> at {at}." in html
    assert reverse("vote-cast", args=[s.item.pk]) not in html


def test_a_flagged_member_is_prompted_to_declare():
    s = Item(members=3)
    Membership.objects.create(user=s.others[0], organisation=s.proposal.organisation)
    html = panel(s.item, s.others[0], "en")
    assert "You may have a conflict of interest on this item." in html
    assert "You work for the proposing organisation." in html
    assert "You may have a conflict" not in panel(s.item, s.others[1], "en")


def test_the_chair_sees_the_tally_and_the_close_form():
    s = Item(members=4, present=3)
    vote_cast(item=s.item, member=s.others[0], choice="approve")
    vote_cast(item=s.item, member=s.others[1], choice="not_approve", reason="ยังไม่พร้อม")
    html = panel(s.item, s.chair, "en")
    assert '<tr class="tally-approve"><th scope="row">Approve</th><td class="num">1</td></tr>' in html
    assert "Present: 3 of 4 eligible members (quorum: 2)." in html
    assert "ยังไม่พร้อม" in html  # the dissent's reasons
    assert reverse("item-close", args=[s.item.pk]) in html
    assert "the chair&#x27;s vote decides a tie" in html


def test_the_panel_reads_a_constant_number_of_queries():
    def count(members):
        s = Item(members=members)
        for user in s.members[1:]:
            vote_cast(item=s.item, member=user, choice="approve")
        with CaptureQueriesContext(connection) as small:
            panel(s.item, s.chair)
        with CaptureQueriesContext(connection) as member:
            panel(s.item, s.members[1])
        return len(small), len(member)

    assert count(3) == count(12)


def test_the_agenda_item_page_carries_the_panel_and_posts_come_back_to_it(client):
    s = Item(members=3)
    client.force_login(s.others[0])
    client.cookies["django_language"] = "en"
    page = client.get(reverse("agenda-item", args=[s.item.pk]))
    assert page.status_code == 200
    assert reverse("vote-cast", args=[s.item.pk]) in page.content.decode()

    response = client.post(reverse("vote-cast", args=[s.item.pk]), {"choice": "approve"})
    assert response.url == reverse("agenda-item", args=[s.item.pk]) + "#voting"
    page = client.get(response.url)
    assert "Your vote is recorded: Approve." in page.content.decode()
    assert "You voted <strong>Approve</strong> at" in page.content.decode()


def test_closing_without_the_confirmation_records_nothing(client):
    s = Item(members=2)
    _, said = post(client, s.chair, "item-close", s.item, {"requested_changes": "ปรับแผน"})
    assert said == ["Tick the box to confirm: closing records the resolution and cannot be undone."]
    s.item.refresh_from_db()
    recorded = Resolution.objects.filter(meeting=s.item.meeting, proposal=s.item.proposal).count()
    assert (s.item.closed_at, recorded) == (None, 0)
