"""Quorum, majority, casting vote and conflicts of interest (Administrative Procedure Act defaults)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from applications.enums import State
from applications.models import ProgrammeSettings, StatusChange
from reviews.models import Resolution, Vote
from reviews.voting import selectors
from reviews.voting.services import VotingError, conflict_declare, item_close, vote_cast
from tests.factories import UserFactory

from .scenario import Item

pytestmark = pytest.mark.django_db


def votes(s, *choices):
    """Members vote in order: the chair first, then the others."""
    for user, choice in zip(s.members, choices, strict=False):
        if choice:
            vote_cast(item=s.item, member=user, choice=choice, reason="เหตุผล" if choice != "approve" else "")


def refused(code, fn, **kwargs):
    with pytest.raises(VotingError) as exc:
        fn(**kwargs)
    assert exc.value.code == code, exc.value.message
    return exc.value


# --- quorum --------------------------------------------------------------------------------

def test_exactly_half_present_is_a_quorum_and_the_item_closes():
    s = Item(members=4, present=2)
    votes(s, "approve", "approve")

    t = selectors.tally(s.item)
    assert (t.eligible, t.present_eligible, t.quorum_needed, t.has_quorum) == (4, 2, 2, True)

    resolution = item_close(item=s.item, by=s.chair)
    assert resolution.kind == "approve"


def test_below_half_present_close_is_refused_and_nothing_changes():
    s = Item(members=5, present=2)
    votes(s, "approve", "approve")

    t = selectors.tally(s.item)
    assert (t.eligible, t.present_eligible, t.quorum_needed, t.has_quorum) == (5, 2, 3, False)
    error = refused("no_quorum", item_close, item=s.item, by=s.chair)
    assert error.message == "No quorum: 2 of 5 eligible members are present; at least 3 must be."

    s.item.refresh_from_db()
    s.proposal.refresh_from_db()
    assert s.item.closed_at is None and s.item.resolution is None
    assert s.proposal.status == State.ON_AGENDA
    assert not Resolution.objects.filter(proposal=s.proposal, meeting=s.meeting).exists()


def test_quorum_fraction_is_configurable_per_body():
    s = Item(members=4, present=2)
    s.body.quorum_fraction = Decimal("0.75")
    s.body.save()
    s.item.meeting.body.refresh_from_db()

    t = selectors.tally(s.item)
    assert (t.quorum_needed, t.has_quorum) == (3, False)


def test_conflicted_members_do_not_count_towards_the_quorum():
    s = Item(members=4, present=2)
    # The present member declares a conflict: one of three eligible is present.
    conflict_declare(item=s.item, member=s.others[0], reason="เป็นที่ปรึกษาของเทศบาล")

    t = selectors.tally(s.item)
    assert (t.eligible, t.present_eligible, t.has_quorum) == (3, 1, False)
    assert t.conflicted == [s.others[0]]


def test_absent_members_conflicts_shrink_the_eligible_members():
    # 2 present of 2 eligible.
    s2 = Item(members=4, present=2)
    for user in s2.others[1:]:
        conflict_declare(item=s2.item, member=user, reason="ภูมิลำเนาในจังหวัด")
    t2 = selectors.tally(s2.item)
    assert (t2.eligible, t2.present_eligible, t2.has_quorum) == (2, 2, True)


def test_every_member_conflicted_means_no_quorum():
    s = Item(members=3)
    for user in s.members:
        conflict_declare(item=s.item, member=user, reason="ส่วนได้เสีย")

    t = selectors.tally(s.item)
    assert (t.eligible, t.present_eligible, t.has_quorum) == (0, 0, False)
    error = refused("no_quorum", item_close, item=s.item, by=s.chair)
    assert error.message == "No quorum: every member has declared a conflict of interest on this item."


# --- majority and the casting vote ---------------------------------------------------------

def test_simple_majority_of_votes_cast_abstentions_do_not_count():
    s = Item(members=5)
    votes(s, "abstain", "abstain", "abstain", "not_approve", "in_principle")
    t = selectors.tally(s.item)
    assert t.counts == {"approve": 0, "in_principle": 1, "not_approve": 1, "abstain": 3}
    assert t.cast == 2
    # A tie the chair (who abstained) does not decide.
    assert t.outcome is None


def test_the_choice_with_most_votes_cast_wins():
    s2 = Item(members=5)
    votes(s2, "abstain", "approve", "approve", "not_approve", "abstain")
    t = selectors.tally(s2.item)
    assert (t.cast, t.tied, t.outcome) == (3, [], "approve")


def test_tie_with_the_chair_voting_is_decided_by_the_chair():
    s = Item(members=4)
    votes(s, "not_approve", "not_approve", "approve", "approve")

    t = selectors.tally(s.item)
    assert (t.tied, t.decided_by_chair, t.outcome) == (["approve", "not_approve"], True, "not_approve")

    resolution = item_close(item=s.item, by=s.chair)
    assert resolution.kind == "not_approve"
    assert resolution.text == (
        "ผลการลงมติ: เห็นชอบ 2, เห็นชอบในหลักการ โดยให้แก้ไข 0, ไม่เห็นชอบ 2, งดออกเสียง 0\n"
        "ผู้มีสิทธิออกเสียงเข้าประชุม 4 คน จากทั้งหมด 4 คน (องค์ประชุม 2 คน)\n"
        "คะแนนเสียงเท่ากัน ประธานในที่ประชุมออกเสียงชี้ขาด"
    )
    s.proposal.refresh_from_db()
    assert s.proposal.status == State.REJECTED


@pytest.mark.parametrize("chair_vote", [None, "abstain"])
def test_tie_without_the_chair_voting_cannot_be_closed(chair_vote):
    s = Item(members=5)
    votes(s, chair_vote, "approve", "approve", "in_principle", "in_principle")

    t = selectors.tally(s.item)
    assert (t.tied, t.decided_by_chair, t.outcome) == (["approve", "in_principle"], False, None)
    error = refused("no_outcome", item_close, item=s.item, by=s.chair)
    assert "tied" in error.message
    s.item.refresh_from_db()
    assert s.item.closed_at is None


def test_no_votes_cast_cannot_be_closed():
    s = Item(members=3)
    votes(s, "abstain", "abstain")
    error = refused("no_outcome", item_close, item=s.item, by=s.chair)
    assert error.message == "No votes have been cast yet (abstentions do not count)."


# --- votes ---------------------------------------------------------------------------------

def test_a_conflicted_member_cannot_vote():
    s = Item(members=3)
    member = s.others[0]
    conflict_declare(item=s.item, member=member, reason="ทำงานให้องค์กรผู้เสนอ")
    refused("conflicted", vote_cast, item=s.item, member=member, choice="approve")
    assert Vote.objects.filter(agenda_item=s.item).count() == 0


def test_a_conflict_cannot_be_declared_after_voting_or_twice():
    s = Item(members=3)
    vote_cast(item=s.item, member=s.others[0], choice="approve")
    refused("voted", conflict_declare, item=s.item, member=s.others[0], reason="ส่วนได้เสีย")
    conflict_declare(item=s.item, member=s.others[1], reason="ส่วนได้เสีย")
    refused("duplicate", conflict_declare, item=s.item, member=s.others[1], reason="อีกครั้ง")
    refused("invalid", conflict_declare, item=s.item, member=s.chair, reason="  ")


def test_only_present_members_of_the_body_vote():
    s = Item(members=3, present=2)
    refused("absent", vote_cast, item=s.item, member=s.members[2], choice="approve")
    refused("not_member", vote_cast, item=s.item, member=UserFactory(), choice="approve")
    # A member whose term ended before the meeting is no longer a member.
    membership = s.members[1].body_memberships.get()
    # The day before the meeting's own date (not today's): just after midnight the meeting,
    # held an hour ago, falls on yesterday, and a term ending yesterday still covered it.
    membership.term_end = timezone.localdate(s.meeting.held_at) - datetime.timedelta(days=1)
    membership.save()
    refused("not_member", vote_cast, item=s.item, member=s.members[1], choice="approve")
    assert Vote.objects.filter(agenda_item=s.item).count() == 0


def test_a_dissent_needs_reasons():
    s = Item(members=3)
    for choice in ("not_approve", "in_principle"):
        error = refused("invalid", vote_cast, item=s.item, member=s.others[0], choice=choice, reason=" ")
        assert error.field == "reason"
    refused("invalid", vote_cast, item=s.item, member=s.others[0], choice="maybe")
    vote = vote_cast(item=s.item, member=s.others[0], choice="not_approve", reason="งบประมาณไม่สมเหตุผล")
    assert (vote.choice, vote.reason) == ("not_approve", "งบประมาณไม่สมเหตุผล")


def test_a_second_submit_keeps_the_first_vote():
    s = Item(members=3)
    vote_cast(item=s.item, member=s.others[0], choice="approve")
    error = refused("duplicate", vote_cast, item=s.item, member=s.others[0], choice="not_approve", reason="เปลี่ยนใจ")
    assert "first vote stands" in error.message
    assert list(Vote.objects.filter(agenda_item=s.item).values_list("member_id", "choice")) == [
        (s.others[0].pk, "approve")
    ]


def test_no_vote_after_closing_and_the_counts_are_unchanged():
    s = Item(members=4)
    votes(s, "approve", "approve", "not_approve")
    item_close(item=s.item, by=s.chair)

    refused("closed", vote_cast, item=s.item, member=s.members[3], choice="not_approve", reason="ช้าไป")
    refused("closed", conflict_declare, item=s.item, member=s.members[3], reason="ช้าไป")
    refused("closed", item_close, item=s.item, by=s.chair)
    assert selectors.tally(s.item).counts == {"approve": 2, "in_principle": 0, "not_approve": 1, "abstain": 0}
    assert Resolution.objects.filter(meeting=s.meeting, proposal=s.proposal).count() == 1


def test_dissents_with_reasons_are_the_votes_against_the_outcome():
    s = Item(members=4)
    votes(s, "approve", "approve", "not_approve", "abstain")
    t = selectors.tally(s.item)
    assert [(v.member_id, v.choice, v.reason) for v in t.dissents] == [(s.members[2].pk, "not_approve", "เหตุผล")]


# --- closing drives the workflow -----------------------------------------------------------

def _closed_history(s):
    return StatusChange.objects.get(proposal=s.proposal, from_state=State.ON_AGENDA)


def test_closing_on_approve_moves_the_proposal_to_approved():
    s = Item(members=3)
    votes(s, "approve", "approve", "abstain")
    resolution = item_close(item=s.item, by=s.chair)

    s.item.refresh_from_db()
    s.proposal.refresh_from_db()
    assert s.item.resolution == resolution and s.item.closed_by == s.chair and s.item.closed_at is not None
    assert (resolution.kind, resolution.recorded_by, resolution.meeting, resolution.proposal) == (
        "approve", s.chair, s.meeting, s.proposal
    )
    assert s.proposal.status == State.APPROVED
    change = _closed_history(s)
    assert (change.action, change.resolution, change.actor) == ("resolve_approve", resolution, s.chair)


def test_closing_in_principle_asks_for_revision_with_a_deadline():
    s = Item(members=3)
    votes(s, "in_principle", "in_principle", "approve")
    refused("invalid", item_close, item=s.item, by=s.chair)  # the requested changes are missing

    resolution = item_close(item=s.item, by=s.chair, requested_changes="ปรับแผนด้านสิ่งแวดล้อม")

    s.proposal.refresh_from_db()
    days = ProgrammeSettings.load().revision_days
    assert s.proposal.status == State.REVISION_REQUESTED
    assert s.proposal.revision_deadline == timezone.localdate() + datetime.timedelta(days=days)
    change = _closed_history(s)
    assert (change.action, change.note, change.resolution) == (
        "resolve_in_principle", "ปรับแผนด้านสิ่งแวดล้อม", resolution
    )
    assert resolution.text.endswith("ปรับแผนด้านสิ่งแวดล้อม")


def test_closing_in_principle_with_a_chosen_deadline():
    s = Item(members=3)
    votes(s, "in_principle", "in_principle")
    deadline = timezone.localdate() + datetime.timedelta(days=45)
    item_close(item=s.item, by=s.chair, deadline=deadline, requested_changes="เพิ่มตัวชี้วัด")
    s.proposal.refresh_from_db()
    assert s.proposal.revision_deadline == deadline


def test_closing_on_not_approve_rejects_the_proposal():
    s = Item(members=3)
    votes(s, "not_approve", "not_approve", "approve")
    resolution = item_close(item=s.item, by=s.chair)
    s.proposal.refresh_from_db()
    assert (s.proposal.status, resolution.kind) == (State.REJECTED, "not_approve")
    assert _closed_history(s).resolution == resolution


def test_a_refused_transition_rolls_the_whole_close_back():
    s = Item(members=3)
    votes(s, "in_principle", "in_principle")
    error = refused(
        "transition", item_close, item=s.item, by=s.chair, deadline=timezone.localdate(), requested_changes="แก้ไข"
    )
    assert error.message == "The deadline must be after today."
    s.item.refresh_from_db()
    s.proposal.refresh_from_db()
    assert (s.item.closed_at, s.item.resolution, s.proposal.status) == (None, None, State.ON_AGENDA)
    assert not Resolution.objects.filter(meeting=s.meeting).exists()


def test_only_the_chair_or_the_office_closes():
    s = Item(members=3)
    votes(s, "approve", "approve")
    error = refused("forbidden", item_close, item=s.item, by=s.others[0])
    assert error.message == "Only the chair of the body closes an agenda item."
    refused("forbidden", item_close, item=s.item, by=UserFactory())

    resolution = item_close(item=s.item, by=s.staff)  # recorded by the Office on the chair's behalf
    assert resolution.recorded_by == s.staff
    s.proposal.refresh_from_db()
    assert s.proposal.status == State.APPROVED


# --- likely conflicts ----------------------------------------------------------------------

def test_members_from_the_proposing_organisation_or_its_province_are_flagged():
    from accounts.models import Membership
    from tests.factories import OrganisationFactory, province

    s = Item(members=4)
    Membership.objects.create(user=s.members[1], organisation=s.proposal.organisation)
    neighbour = OrganisationFactory(province=s.proposal.organisation.province)
    Membership.objects.create(user=s.members[2], organisation=neighbour)
    elsewhere = OrganisationFactory(province=province("10", "กรุงเทพมหานคร", "Bangkok"))
    Membership.objects.create(user=s.members[3], organisation=elsewhere)

    flags = selectors.likely_conflicts(s.item)
    assert [(f.member, f.from_organisation, f.from_province) for f in flags] == [
        (s.members[1], True, False),
        (s.members[2], False, True),
    ]
