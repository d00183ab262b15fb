"""Votes arriving while the Office records the decision through the workflow (PostgreSQL row locks):
each vote lands before the item closes with the decision, or is refused after it; none after."""

import pytest

from applications.enums import State
from applications.workflow import proposal_move
from reviews.models import AgendaItem, Resolution, Vote

from .scenario import Item
from .test_concurrency import _together, _vote


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_votes_racing_a_recorded_decision_never_land_after_it(on_postgres):
    s = Item(members=30)
    resolution = Resolution.objects.create(
        meeting=s.meeting, proposal=s.proposal, kind="approve", text="เห็นชอบ", recorded_by=s.staff
    )

    def decide():
        proposal_move(proposal=s.proposal, action="resolve_approve", by=s.staff, resolution_id=resolution.pk)
        return "decided-by-staff"

    calls = [_vote(s.item.pk, u, "approve") for u in s.members]
    calls.insert(len(calls) // 2, decide)
    results = _together(calls)

    assert results[len(s.members) // 2] == "decided-by-staff"
    votes_results = [r for r in results if r != "decided-by-staff"]
    assert set(votes_results) <= {"voted", "closed", "decided"}
    item = AgendaItem.objects.get(pk=s.item.pk)
    assert item.resolution_id == resolution.pk and item.closed_at is not None
    stored = Vote.objects.filter(agenda_item=item)
    assert stored.count() == votes_results.count("voted")
    assert not stored.filter(cast_at__gt=item.closed_at).exists()
    s.proposal.refresh_from_db()
    assert s.proposal.status == State.APPROVED
