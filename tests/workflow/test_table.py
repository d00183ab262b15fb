"""The workflow table, tested exhaustively from the table itself."""

import pytest
from django.contrib.auth.models import AnonymousUser

from applications.enums import Action, Role, State
from applications.models import StatusChange
from applications.workflow import MOVES, TABLE, TransitionError, mermaid, transition
from tests import paths

ALLOWED = sorted(
    {(source.value, move.action.value, role.value) for move in MOVES for source in move.sources for role in move.roles}
)


def _steps_to(source, action):
    # Resubmitting a revised plan needs a revision asked for in evaluation.
    if source == State.REVISION_REQUESTED and action == Action.RESUBMIT_PLAN:
        return paths.PATHS[State.EVALUATION] + ["approve_in_principle"]
    return None


@pytest.mark.django_db
@pytest.mark.parametrize("source,action,role", ALLOWED)
def test_move_in_table_is_made_by_its_role(source, action, role):
    # Expiry needs a certificate whose validity has run out, applying for renewal one within
    # 90 days of its end: back-date the path.
    years_ago = 4 if action in (Action.EXPIRE, Action.APPLY_RENEWAL) else 0
    proposal = paths.bring_to(source, steps=_steps_to(source, action), years_ago=years_ago)
    assert proposal.status == source
    user = paths.actor(role, proposal)
    kwargs = paths.prepare(proposal, action, paths.timezone.now(), paths.StaffFactory())
    before = StatusChange.objects.filter(proposal=proposal).count()

    change = transition(proposal, action, by=user, **kwargs)

    proposal.refresh_from_db()
    expected = TABLE[(State(source), Action(action))].target
    assert proposal.status == expected
    assert (change.from_state, change.to_state, change.action, change.actor) == (source, expected, action, user)
    assert change.actor_role == role
    assert StatusChange.objects.filter(proposal=proposal).count() == before + 1


@pytest.mark.django_db
@pytest.mark.parametrize("state", list(State), ids=[s.value for s in State])
def test_every_other_combination_is_refused(state):
    # One proposal in the state, reached through the workflow: a refused move
    # changes nothing, so the same proposal serves every refused combination.
    proposal = paths.bring_to(state)
    actors = {role: paths.actor(role, proposal) for role in Role}
    allowed = {(action, role) for source, action, role in ALLOWED if source == state.value}
    history = StatusChange.objects.filter(proposal=proposal).count()
    tried = 0
    for action in paths.ALL_ACTIONS:
        for role in Role:
            if (action.value, role.value) in allowed:
                continue
            with pytest.raises(TransitionError) as refused:
                transition(proposal, action, by=actors[role])
            assert refused.value.code in ("not_allowed", "forbidden"), (state, action, role)
            # A refusal names the rule: either the move or the role.
            assert refused.value.message
            assert proposal.status == state, (state, action, role)  # transition() updates it only on a move
            tried += 1
    assert tried == len(paths.ALL_ACTIONS) * len(Role) - len(allowed)
    # Nothing any refusal did was kept.
    proposal.refresh_from_db()
    assert proposal.status == state
    assert StatusChange.objects.filter(proposal=proposal).count() == history


@pytest.mark.django_db
def test_anonymous_visitor_cannot_make_any_move():
    proposal = paths.bring_to(State.DRAFT)
    for action in paths.ALL_ACTIONS:
        with pytest.raises(TransitionError):
            transition(proposal, action, by=AnonymousUser())
    proposal.refresh_from_db()
    assert proposal.status == State.DRAFT


def test_table_covers_every_state_and_targets_only_known_states():
    sources = {source for source, _action in TABLE}
    targets = {move.target for move in MOVES}
    # States are declared in the order the workflow reaches them: each one after the draft
    # is the target of a move from a state declared before it (so every state is reachable).
    for i, state in enumerate(State):
        if state != State.DRAFT:
            earlier = set(list(State)[:i])
            assert any(m.target == state and earlier & set(m.sources) for m in MOVES), f"{state} cannot be reached"
    # Every state is either left by some move or is final by design.
    assert set(State) - sources == {State.REJECTED, State.WITHDRAWN, State.EXPIRED, State.REVOKED}
    assert set(State) - targets == {State.DRAFT}
    assert len(TABLE) == sum(len(m.sources) for m in MOVES)


def test_mermaid_diagram_lists_every_move():
    text = mermaid()
    assert text.startswith("stateDiagram-v2\n")
    assert "    screening --> promotion_zone: declare_zone (staff)\n" in text
    assert text.count(" --> ") == len(TABLE) + 1


@pytest.mark.django_db
def test_unknown_action_is_refused_by_name():
    proposal = paths.bring_to(State.DRAFT)
    with pytest.raises(TransitionError) as refused:
        transition(proposal, "teleport", by=None)
    assert refused.value.code == "unknown"
    assert "teleport" in refused.value.message


def test_readme_shows_the_current_diagram():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert f"```mermaid\n{mermaid()}```" in readme, "run `make diagram` and paste it into README.md"
