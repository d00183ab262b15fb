"""One door per action: proposal_move() finds the deciding resolution and calls transition();
action_for() reads the resolution kind -> move map off the table; the history links the
resolution generically and reads it back whole."""

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from applications.enums import Action, State
from applications.models import StatusChange
from applications.selectors import history_of
from applications.workflow import MOVES, action_for, proposal_move
from reviews.enums import ResolutionKind
from reviews.models import Resolution
from tests import paths
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


DECIDING = [k for k in ResolutionKind.values if k != ResolutionKind.ASSIGN]  # "assign" moves nothing


def test_action_for_reads_the_table():
    assert {kind: action_for(kind) for kind in DECIDING} == {
        "approve": Action.RESOLVE_APPROVE,
        "in_principle": Action.RESOLVE_IN_PRINCIPLE,
        "not_approve": Action.RESOLVE_REJECT,
        "acknowledge": Action.ACKNOWLEDGE,
    }
    for kind in DECIDING:
        [move] = [m for m in MOVES if m.action == action_for(kind)]
        assert kind in move.resolution.kinds
    with pytest.raises(KeyError):
        action_for(ResolutionKind.ASSIGN)


def test_a_resolution_of_another_proposal_is_not_found_and_nothing_moves():
    proposal = paths.bring_to(State.APPROVED)
    elsewhere = paths.resolution(paths.bring_to(State.APPROVED), "acknowledge", "committee")
    with pytest.raises(Http404):
        proposal_move(proposal=proposal, action=Action.ACKNOWLEDGE, by=StaffFactory(), resolution_id=elsewhere.pk)
    proposal.refresh_from_db()
    assert proposal.status == State.APPROVED


def test_the_move_links_its_resolution_and_the_history_reads_it_back():
    proposal = paths.bring_to(State.APPROVED)
    resolution = paths.resolution(proposal, "acknowledge", "committee")
    change = proposal_move(
        proposal=proposal, action="acknowledge", by=StaffFactory(), resolution_id=resolution.pk, note="รับทราบ"
    )
    stored = StatusChange.objects.get(pk=change.pk)
    assert (stored.to_state, stored.resolution_id, stored.resolution_type.model_class()) == (
        State.ACKNOWLEDGED, resolution.pk, Resolution,
    )
    assert stored.resolution == resolution
    bodies = [(c.action, c.resolution.meeting.body.kind if c.resolution else None) for c in history_of(proposal)]
    assert bodies[-2:] == [("resolve_approve", "subcommittee"), ("acknowledge", "committee")]


def _reading(proposal) -> int:
    with CaptureQueriesContext(connection) as queries:
        [c.resolution.meeting.body.name for c in history_of(proposal) if c.resolution_id]
    return len(queries)


def test_reading_the_linked_resolutions_costs_the_same_however_many_there_are():
    one = paths.bring_to(State.APPROVED)
    two = paths.bring_to(State.ACKNOWLEDGED)
    _reading(one)  # content types are cached after the first read
    assert two.history.filter(resolution_id__isnull=False).count() == 2
    # history, resolutions, meetings, bodies, the resolutions' corrections (shown beside them)
    assert _reading(two) == _reading(one) == 5
