"""The workflow's extension points (applications.hooks): guards, listeners and involvements
registered from outside refuse, follow and scope moves through the one table."""

import datetime

import pytest
from django.db.models import Q
from django.utils import timezone

from applications import hooks
from applications.enums import Action, Role, State
from applications.models import Proposal
from applications.permissions import roles_for
from applications.selectors import proposals_actionable_by, proposals_visible_to
from applications.workflow import Recorded, TransitionError, available_moves, record_history, transition
from notifications.models import Notification
from tests import paths
from tests.factories import ProposalFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def _not_today(proposal):
    return [f"Not today for {proposal.reference}."]


@pytest.fixture
def guard():
    hooks.guard_register(action=Action.SCREEN, guard=_not_today)
    yield _not_today
    hooks.guard_unregister(action=Action.SCREEN, guard=_not_today)


def test_a_registered_guard_refuses_the_move_and_shows_on_the_checklist(guard):
    proposal = paths.bring_to(State.SUBMITTED)
    staff = StaffFactory()
    with pytest.raises(TransitionError) as refused:
        transition(proposal, Action.SCREEN, by=staff)
    assert (refused.value.code, refused.value.problems) == ("guard", [f"Not today for {proposal.reference}."])
    proposal.refresh_from_db()
    assert proposal.status == State.SUBMITTED
    assert list(proposal.history.values_list("action", flat=True)) == ["create", "submit"]
    assert [(m.action, p) for m, p in available_moves(proposal, staff)] == [
        (Action.SCREEN, [f"Not today for {proposal.reference}."])
    ]


def test_without_the_guard_the_same_move_is_made(guard):
    hooks.guard_unregister(action=Action.SCREEN, guard=guard)
    proposal = paths.bring_to(State.SUBMITTED)
    transition(proposal, Action.SCREEN, by=StaffFactory())
    assert proposal.status == State.SCREENING


def test_the_apps_register_their_own_guards():
    assert hooks.guards_of(Action.RECOMMEND)[0].__module__ == "reviews.evaluation.guards"
    assert hooks.guards_of(Action.RENEW)[0].__module__ == "monitoring.guards"


T0 = timezone.now() - datetime.timedelta(days=10)
T1 = T0 + datetime.timedelta(days=1)


class Heard:
    """A listener that writes down what it was told and what it could already read."""

    def __init__(self, fail=False):
        self.calls = []
        self.fail = fail

    def __call__(self, change, *, audiences):
        saved = Proposal.objects.get(pk=change.proposal_id).status
        outbox = Notification.objects.filter(status_change=change).count()
        self.calls.append((change.action, change.to_state, audiences, saved, outbox))
        if self.fail:
            raise RuntimeError("the listener failed")


@pytest.fixture
def listener():
    heard = Heard()
    hooks.listener_register(listener=heard)
    yield heard
    hooks.listener_unregister(listener=heard)


def test_a_listener_hears_each_move_inside_it_after_it_is_written(listener):
    proposal = paths.bring_to(State.SUBMITTED, walk=True)  # create (not a move), then submit through transition()
    written = Notification.objects.filter(status_change__proposal=proposal).count()
    # Called once, with who hears of the move, when the proposal and its history row are
    # already written and so are the outbox rows of notifications (registered before it).
    assert written > 0
    assert listener.calls == [("submit", State.SUBMITTED, ("proponents", "staff"), State.SUBMITTED, written)]


def test_a_failing_listener_undoes_the_move_and_what_the_others_wrote(listener):
    proposal = paths.bring_to(State.SCREENING)
    listener.calls.clear()
    before = Notification.objects.count()
    listener.fail = True
    with pytest.raises(RuntimeError):
        transition(proposal, Action.REJECT, by=StaffFactory(), note="ไม่ผ่านเกณฑ์")
    [(action, to_state, audiences, saved, outbox)] = listener.calls
    assert (action, to_state, audiences, saved) == ("reject", State.REJECTED, ("proponents",), State.REJECTED)
    assert outbox > 0  # notifications had written its rows...
    proposal.refresh_from_db()
    assert proposal.status == State.SCREENING  # ...and the move, they and the history row are all undone
    assert list(proposal.history.values_list("action", flat=True)) == ["create", "submit", "screen"]
    assert Notification.objects.count() == before


def test_recorded_history_tells_no_listener(listener):
    proposal = ProposalFactory()
    staff = StaffFactory()
    record_history(proposal, [Recorded(Action.CREATE, T0, staff, Role.PROPONENT), Recorded(Action.SUBMIT, T1, staff)])
    proposal.refresh_from_db()
    assert proposal.status == State.SUBMITTED
    assert listener.calls == []


def test_an_involvement_gives_its_roles_and_the_same_proposals_to_the_lists():
    watcher = UserFactory()
    draft = paths.bring_to(State.DRAFT, steps=[])
    other = paths.bring_to(State.DRAFT, steps=[])
    involvement = hooks.involvement_register(
        roles=lambda user, proposal, on: {Role.MEMBER} if user == watcher and proposal.pk == draft.pk else set(),
        proposals=lambda user, on: Q(pk=draft.pk) if user == watcher else Q(pk__in=[]),
    )
    try:
        assert roles_for(watcher, draft) == {Role.PUBLIC, Role.MEMBER}
        assert roles_for(watcher, other) == {Role.PUBLIC}
        assert list(proposals_actionable_by(watcher)) == [draft]
        assert list(proposals_visible_to(watcher)) == [draft]
    finally:
        hooks.involvement_unregister(involvement=involvement)
    assert roles_for(watcher, draft) == {Role.PUBLIC}
    assert list(proposals_visible_to(watcher)) == []
