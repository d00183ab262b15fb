"""`meetings/` and `items/{id}/vote/` for members, through reviews.voting.services.vote_cast."""

import pytest

from reviews.models import ConflictDeclaration, Vote
from tests.factories import StaffFactory, UserFactory
from tests.voting.scenario import Item

pytestmark = pytest.mark.django_db


def vote(api, item, **data):
    return api.post(f"/api/v1/items/{item.pk}/vote/", data, format="json")


def test_a_member_sees_their_bodies_meetings_with_the_agenda(api):
    s = Item(members=3)
    api.force_authenticate(s.others[0])
    body = api.get("/api/v1/meetings/").json()
    assert body["count"] == 1
    meeting = body["results"][0]
    assert (meeting["id"], meeting["body"], meeting["label"], meeting["my_role"]) == (
        s.meeting.pk, "subcommittee", s.meeting.label, "member",
    )
    assert meeting["agenda"] == [{
        "id": s.item.pk, "order": 1, "proposal": s.proposal.pk, "proposal_reference": s.proposal.reference,
        "proposal_name_th": s.proposal.name_th, "proposal_name_en": s.proposal.name_en,
        "closed_at": None, "resolution": None,
    }]
    assert api.get(f"/api/v1/meetings/{s.meeting.pk}/").json()["agenda"][0]["id"] == s.item.pk


def test_someone_outside_the_body_sees_no_meetings(api):
    s = Item(members=2)
    api.force_authenticate(UserFactory())
    assert api.get("/api/v1/meetings/").json()["count"] == 0
    assert api.get(f"/api/v1/meetings/{s.meeting.pk}/").status_code == 404
    assert vote(api, s.item, choice="approve").status_code == 404


def test_a_present_member_votes_once(api):
    s = Item(members=3)
    member = s.others[0]
    api.force_authenticate(member)
    response = vote(api, s.item, choice="not_approve", reason="งบประมาณไม่สมเหตุสมผล")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["agenda_item"], body["choice"], body["reason"]) == (s.item.pk, "not_approve", "งบประมาณไม่สมเหตุสมผล")
    assert list(Vote.objects.values_list("member", "choice")) == [(member.pk, "not_approve")]
    again = vote(api, s.item, choice="approve")
    assert again.status_code == 409
    assert again.json() == {
        "detail": "You have already voted on this item; your first vote stands and nothing was changed.",
        "code": "duplicate",
    }
    assert Vote.objects.get().choice == "not_approve"


def test_a_dissent_without_reasons_is_400_naming_the_field(api):
    s = Item(members=3)
    api.force_authenticate(s.others[0])
    response = vote(api, s.item, choice="in_principle")
    assert response.status_code == 400
    assert response.json()["field"] == "reason"
    assert response.json()["code"] == "invalid"
    assert vote(api, s.item, choice="maybe").status_code == 400
    assert Vote.objects.count() == 0


def test_absent_or_conflicted_members_are_refused_with_the_reason(api):
    s = Item(members=3, present=2)
    absent = s.members[2]
    api.force_authenticate(absent)
    response = vote(api, s.item, choice="approve")
    assert response.status_code == 409
    assert response.json()["code"] == "absent"
    ConflictDeclaration.objects.create(agenda_item=s.item, member=s.others[0], reason="ญาติ")
    api.force_authenticate(s.others[0])
    conflicted = vote(api, s.item, choice="approve")
    assert (conflicted.status_code, conflicted.json()["code"]) == (409, "conflicted")
    assert Vote.objects.count() == 0


def test_office_staff_are_not_members_and_do_not_vote(api):
    s = Item(members=2)
    api.force_authenticate(StaffFactory())
    response = vote(api, s.item, choice="approve")
    assert (response.status_code, response.json()["code"]) == (403, "not_member")


def test_anonymous_neither_reads_meetings_nor_votes(api):
    s = Item(members=2)
    assert api.get("/api/v1/meetings/").status_code == 403
    assert vote(api, s.item, choice="approve").status_code == 403
