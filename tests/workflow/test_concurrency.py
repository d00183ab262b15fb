"""Two people make a move on the same proposal at the same instant."""

import threading

import pytest
from django.db import connection

from applications.enums import State
from applications.models import Proposal, StatusChange
from applications.workflow import TransitionError, transition
from tests import paths
from tests.factories import StaffFactory


def _race(proposal_pk, moves):
    """Run each (action, user, kwargs) in its own thread and connection, released together."""
    barrier = threading.Barrier(len(moves))
    results = [None] * len(moves)

    def run(i, action, user, kwargs):
        try:
            fresh = Proposal.objects.get(pk=proposal_pk)
            barrier.wait(timeout=10)
            transition(fresh, action, by=user, **kwargs)
            results[i] = "made"
        except TransitionError as exc:
            results[i] = exc.code
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, *m)) for i, m in enumerate(moves)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_same_move_twice_at_once_is_made_once(on_postgres):
    proposal = paths.bring_to(State.SUBMITTED)
    staff_a, staff_b = StaffFactory(), StaffFactory()

    results = _race(proposal.pk, [("screen", staff_a, {}), ("screen", staff_b, {})])

    assert sorted(results) == ["made", "not_allowed"]
    assert StatusChange.objects.filter(proposal=proposal, action="screen").count() == 1
    proposal.refresh_from_db()
    assert proposal.status == State.SCREENING


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_conflicting_moves_at_once_leave_one_history_row(on_postgres):
    proposal = paths.bring_to(State.SCREENING)
    staff_a, staff_b = StaffFactory(), StaffFactory()

    results = _race(
        proposal.pk,
        [("reject", staff_a, {"note": "ไม่ผ่านเกณฑ์"}), ("declare_zone", staff_b, {})],
    )

    assert sorted(results) == ["made", "not_allowed"]
    moves = list(StatusChange.objects.filter(proposal=proposal, from_state=State.SCREENING))
    assert len(moves) == 1
    proposal.refresh_from_db()
    assert proposal.status == moves[0].to_state
