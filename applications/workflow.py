"""The proposal workflow: one table of allowed moves and one function that makes them.

Nothing else in the project writes ``Proposal.status``. Pages, the API and the
admin call :func:`proposal_move`; meeting resolutions and periodic tasks call
:func:`transition`, which it calls. The apps above plug in their roles, guards,
listeners and decisions through :mod:`applications.hooks`: this module knows
none of them.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError

from . import guards, hooks
from .enums import FINAL_STATES, OPEN_STATES, Action, Role, State
from .models import WORKFLOW_FIELDS, ProgrammeSettings, Proposal, StatusChange
from .permissions import roles_for
from .versions import freeze

STAFF = frozenset({Role.STAFF})
PROPONENT = frozenset({Role.PROPONENT})
# Resolutions are recorded by the Office or the body's secretary, or made by
# the chair closing the agenda item after the vote.
RECORDS_RESOLUTION = frozenset({Role.STAFF, Role.SECRETARY, Role.CHAIR})
STAFF_OR_SYSTEM = frozenset({Role.STAFF, Role.SYSTEM})

# Who hears of a move: the proponent's organisation, the Office, the bodies.
TO_PROPONENTS = ("proponents",)
TO_BOTH = ("proponents", "staff")


class TransitionError(DomainError):
    """A refused move: the one domain error every caller shows as a message.

    ``code`` is one of ``unknown``, ``not_allowed``, ``forbidden``, ``invalid``
    or ``guard``; ``field`` names the input at fault, if any; ``problems``
    lists each unmet condition of the move's guard.
    """

    def __init__(self, message, *, code, field=None, problems=()):
        super().__init__(message, code=code, field=field, problems=problems)


@dataclass(frozen=True)
class ResolutionRule:
    body_kind: str
    kinds: tuple


@dataclass(frozen=True)
class Move:
    action: Action
    sources: tuple
    target: State
    roles: frozenset
    guard: Callable | None = None
    needs_note: bool = False
    needs_deadline: bool = False
    resolution: ResolutionRule | None = None
    effect: Callable | None = None
    notify: tuple = field(default=TO_PROPONENTS)
    # Handing the proposal in freezes what was handed in as a new version.
    freezes: bool = False
    # Whether the move fits the proposal's situation at all (a plan's resubmission after a
    # screening revision never does). Pages offer only the moves that do; the guard still judges.
    offered: Callable | None = None

    @property
    def is_final(self) -> bool:
        """Whether the move ends the proposal's path for good."""
        return self.target in FINAL_STATES

    @property
    def asks_confirmation(self) -> bool:
        """Whether the pages ask to confirm first: it cannot be undone (the end of the path, a
        hand-in that freezes a version, a certificate issued)."""
        return self.is_final or self.freezes or self.action == Action.CERTIFY


def _add_years(d: datetime.date, years: int) -> datetime.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _on_submit(proposal, when):
    proposal.submitted_at = proposal.submitted_at or when


def _on_certify(proposal, when):
    years = ProgrammeSettings.load().validity_years
    proposal.certified_on = timezone.localtime(when).date()
    proposal.valid_until = _add_years(proposal.certified_on, years)
    # Unique by construction (the proposal's id), so two certifications at once never collide.
    proposal.certificate_number = f"SCT-{proposal.certified_on.year + 543}-{proposal.pk:05d}"


def _on_renew(proposal, when):
    years = ProgrammeSettings.load().validity_years
    start = proposal.valid_until or timezone.localtime(when).date()
    proposal.valid_until = _add_years(start, years)


SUBCOMMITTEE = "subcommittee"
COMMITTEE = "committee"

MOVES = (
    Move(Action.SUBMIT, (State.DRAFT,), State.SUBMITTED, PROPONENT,
         guard=guards.submission_problems, effect=_on_submit, notify=TO_BOTH, freezes=True),
    Move(Action.SCREEN, (State.SUBMITTED,), State.SCREENING, STAFF),
    Move(Action.RETURN_FOR_REVISION, (State.SCREENING,), State.REVISION_REQUESTED, STAFF,
         needs_note=True, needs_deadline=True),
    Move(Action.RESUBMIT, (State.REVISION_REQUESTED,), State.SCREENING, PROPONENT,
         guard=guards.resubmit_problems, notify=TO_BOTH, freezes=True, offered=guards.in_screening_revision),
    Move(Action.REJECT, (State.SCREENING,), State.REJECTED, STAFF, needs_note=True),
    Move(Action.DECLARE_ZONE, (State.SCREENING,), State.PROMOTION_ZONE, STAFF,
         guard=guards.submission_problems),
    Move(Action.SUBMIT_PLAN, (State.PROMOTION_ZONE,), State.EVALUATION, PROPONENT,
         guard=guards.plan_problems, notify=TO_BOTH, freezes=True),
    Move(Action.APPROVE_IN_PRINCIPLE, (State.EVALUATION,), State.REVISION_REQUESTED, STAFF,
         needs_note=True, needs_deadline=True),
    Move(Action.RESUBMIT_PLAN, (State.REVISION_REQUESTED,), State.EVALUATION, PROPONENT,
         guard=guards.resubmit_plan_problems, notify=TO_BOTH, freezes=True, offered=guards.in_plan_revision),
    # The scores a recommendation needs are reviews' guard (registered in its ready()).
    Move(Action.RECOMMEND, (State.EVALUATION,), State.ON_AGENDA, STAFF),
    Move(Action.RESOLVE_APPROVE, (State.ON_AGENDA,), State.APPROVED, RECORDS_RESOLUTION,
         resolution=ResolutionRule(SUBCOMMITTEE, ("approve",)), notify=TO_BOTH),
    Move(Action.RESOLVE_IN_PRINCIPLE, (State.ON_AGENDA,), State.REVISION_REQUESTED, RECORDS_RESOLUTION,
         needs_deadline=True, resolution=ResolutionRule(SUBCOMMITTEE, ("in_principle",)), notify=TO_BOTH),
    Move(Action.RESOLVE_REJECT, (State.ON_AGENDA,), State.REJECTED, RECORDS_RESOLUTION,
         resolution=ResolutionRule(SUBCOMMITTEE, ("not_approve",)), notify=TO_BOTH),
    Move(Action.ACKNOWLEDGE, (State.APPROVED,), State.ACKNOWLEDGED, STAFF,
         resolution=ResolutionRule(COMMITTEE, ("acknowledge",))),
    Move(Action.CERTIFY, (State.ACKNOWLEDGED,), State.CERTIFIED, STAFF, effect=_on_certify),
    # Offered to staff once the renewal window opens (the nightly task moves it then anyway).
    Move(Action.RENEWAL_DUE, (State.CERTIFIED,), State.RENEWAL, STAFF_OR_SYSTEM, notify=TO_BOTH,
         offered=guards.renewal_window_open),
    # The progress a renewal needs is monitoring's guard (registered in its ready()).
    Move(Action.RENEW, (State.RENEWAL,), State.CERTIFIED, STAFF, effect=_on_renew),
    Move(Action.EXPIRE, (State.CERTIFIED, State.RENEWAL), State.EXPIRED, STAFF_OR_SYSTEM,
         guard=guards.expiry_problems, notify=TO_BOTH),
    Move(Action.REVOKE, (State.CERTIFIED, State.RENEWAL), State.REVOKED, STAFF, needs_note=True,
         notify=TO_BOTH),
    Move(Action.WITHDRAW, OPEN_STATES, State.WITHDRAWN, PROPONENT, notify=TO_BOTH),
    # The city asks for renewal itself, from 90 days before its certificate ends (issue 7).
    Move(Action.APPLY_RENEWAL, (State.CERTIFIED,), State.RENEWAL, PROPONENT,
         guard=guards.renewal_window_problems, notify=TO_BOTH),
)

# (from state, action) -> Move: the table every check and the diagram read.
TABLE = {(source, move.action): move for move in MOVES for source in move.sources}


# resolution kind -> the action it decides, read off the table (each kind decides one move).
_ACTION_OF_KIND = {kind: m.action for m in MOVES if m.resolution for kind in m.resolution.kinds}


def action_for(resolution_kind) -> Action:
    """The move a meeting's resolution of ``resolution_kind`` decides (``approve`` -> ``resolve_approve``)."""
    return _ACTION_OF_KIND[str(resolution_kind)]


def decision_of(action) -> ResolutionRule | None:
    """What a meeting must resolve to decide ``action`` (which body, which kinds), or None."""
    move = next((m for m in MOVES if m.action == action), None)
    return move.resolution if move else None


def moves_from(state) -> list:
    return [m for m in MOVES if state in m.sources]


def move_problems(move, proposal) -> list:
    """What ``move`` still lacks: its own guard's conditions, then those the apps above registered."""
    problems = list(move.guard(proposal)) if move.guard else []
    for guard in hooks.guards_of(move.action):
        problems.extend(guard(proposal))
    return problems


def available_moves(proposal, user, *, roles=None) -> list:
    """The moves ``user`` could try now, each with the guard's unmet conditions.

    ``roles``: the user's roles on the proposal, when the caller has read them already (a page
    asks once, not once for each question).
    """
    roles = roles_for(user, proposal) if roles is None else roles
    return [(m, move_problems(m, proposal)) for m in moves_from(proposal.status)
            if roles & m.roles and (m.offered is None or m.offered(proposal))]


def _label(value, choices) -> str:
    return str(dict(choices.choices).get(value, value))


def _check_inputs(move, proposal, *, note, deadline, resolution, when):
    if move.needs_note and not (note or "").strip():
        raise TransitionError(
            _("Write a note: %(action)s needs the reasons in the record.")
            % {"action": _label(move.action, Action)},
            code="invalid", field="note",
        )
    if move.needs_deadline:
        if deadline is None:
            raise TransitionError(_("Give a deadline for the revision."), code="invalid", field="deadline")
        if deadline <= timezone.localtime(when).date():
            raise TransitionError(_("The deadline must be after today."), code="invalid", field="deadline")
    elif deadline is not None:
        raise TransitionError(_("This move takes no deadline."), code="invalid", field="deadline")
    rule = move.resolution
    if rule is None:
        if resolution is not None:
            raise TransitionError(_("This move is not decided by a meeting."), code="invalid", field="resolution")
        return
    if resolution is None:
        raise TransitionError(
            _("Link the meeting resolution that decided this."), code="invalid", field="resolution"
        )
    # Its proposal, kind and body are judged by the app that records decisions (reviews).
    decisions = hooks.decisions()
    if not decisions.fits(resolution, proposal, rule):
        raise TransitionError(
            _("The resolution does not decide this move for this proposal."), code="invalid", field="resolution"
        )
    # And whether it may decide it at this date (its meeting held, the dates in order).
    problems = list(decisions.problems(resolution, proposal, when)) if decisions.problems else []
    if problems:
        raise TransitionError(" ".join(problems), code="invalid", field="resolution", problems=problems)


def _check_order(at, last, now):
    # Back-dating is for recording the real public record and demo history;
    # the record must still read in order and never from the future.
    if at > now:
        raise TransitionError(_("A move cannot be dated in the future."), code="invalid", field="at")
    if last is not None and at < last:
        raise TransitionError(_("A move cannot be dated before the previous one."), code="invalid", field="at")


def _move_of(state, action) -> Move:
    move = TABLE.get((state, action))
    if move is None:
        raise TransitionError(
            _("“%(action)s” is not possible while the proposal is “%(state)s”.")
            % {"action": _label(action, Action), "state": _label(state, State)},
            code="not_allowed",
        )
    return move


def _forbidden(action) -> TransitionError:
    return TransitionError(
        _("You may not “%(action)s” this proposal.") % {"action": _label(action, Action)}, code="forbidden"
    )


def _step(proposal, move, *, role, by, at, note, deadline, resolution) -> StatusChange:
    """The core of every move, live or recorded: apply it to ``proposal`` in memory and return its
    history row, unsaved. The caller has judged the state, the role, the time and the inputs."""
    from_state = proposal.status
    proposal.status = move.target
    proposal.status_changed_at = at
    proposal.revision_deadline = deadline if move.target == State.REVISION_REQUESTED else None
    if move.effect:
        move.effect(proposal, at)
    return StatusChange(
        proposal=proposal, action=move.action, from_state=from_state, to_state=move.target, actor=by,
        actor_role=role, at=at, note=(note or "").strip(), deadline=deadline, resolution=resolution,
    )


def transition(proposal, action, *, by, note="", deadline=None, resolution=None, at=None) -> StatusChange:
    """Make one move, or raise :class:`TransitionError` and change nothing.

    ``by`` is the acting user, or ``None`` for the system's own periodic moves.
    Locks the proposal row, so of two concurrent moves exactly one is made and
    the other is judged against the state the first one left. The listeners
    registered in :mod:`applications.hooks` run inside the same transaction.
    """
    try:
        action = Action(action)
    except ValueError:
        raise TransitionError(_("Unknown action “%(action)s”.") % {"action": action}, code="unknown") from None
    with transaction.atomic():
        try:
            locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        except Proposal.DoesNotExist:
            raise TransitionError(_("The proposal no longer exists."), code="not_allowed") from None
        move = _move_of(locked.status, action)
        held = roles_for(by, locked) & move.roles
        if not held:
            raise _forbidden(action)
        now = timezone.now()
        if at is not None:
            _check_order(at, locked.history.order_by("-at").values_list("at", flat=True).first(), now)
        when = at or now
        _check_inputs(move, locked, note=note, deadline=deadline, resolution=resolution, when=when)
        problems = move_problems(move, locked)
        if problems:
            raise TransitionError(
                _("The proposal is not ready to “%(action)s”: %(problems)s")
                % {"action": _label(action, Action), "problems": " ".join(problems)},
                code="guard", problems=problems,
            )
        # Prefer the role that explains the move: staff over secretary, say.
        role = next(r for r in Role.values if r in held)
        change = _step(locked, move, role=role, by=by, at=when, note=note, deadline=deadline, resolution=resolution)
        locked.save(update_fields=[*sorted(WORKFLOW_FIELDS), "updated_at"])
        change.save()
        if move.freezes:
            freeze(locked, change)
        for listener in hooks.listeners():
            listener(change, audiences=move.notify)
    for name in WORKFLOW_FIELDS:
        setattr(proposal, name, getattr(locked, name))
    return change


def proposal_move(*, proposal, action, by, note="", deadline=None, resolution_id=None) -> StatusChange:
    """The one door of the pages, the API and the admin: a move as a person asks for it.

    ``resolution_id`` names the meeting's resolution that decided the move; one that is
    not a decision on ``proposal`` is not found (404), as the proposal itself would not be.
    """
    resolution = None
    if resolution_id is not None:
        resolution = hooks.decisions().get(resolution_id, proposal)
        if resolution is None:
            raise Http404
    return transition(proposal, action, by=by, note=note, deadline=deadline, resolution=resolution)


def record_creation(proposal, *, by, at=None) -> StatusChange:
    """The first line of every proposal's history: the draft was created."""
    return StatusChange.objects.create(
        proposal=proposal, action=Action.CREATE, from_state="", to_state=State.DRAFT,
        actor=by, actor_role=Role.PROPONENT if by else Role.SYSTEM, at=at or timezone.now(),
    )


def mermaid() -> str:
    """The table as a Mermaid state diagram (``manage.py workflow_diagram``)."""
    lines = ["stateDiagram-v2", f"    [*] --> {State.DRAFT.value}"]
    for move in MOVES:
        roles = ", ".join(sorted(r.value for r in move.roles))
        for source in move.sources:
            lines.append(f"    {source.value} --> {move.target.value}: {move.action.value} ({roles})")
    return "\n".join(lines) + "\n"



# --- Recorded history --------------------------------------------------------------------
# Some decisions were taken outside the portal: the published record of certified areas
# (register.services) and the bulk fixtures of the benchmark (generate_bench_data). They are
# written into the history as they happened, through the same table: each step must be a
# move of MOVES from the state the previous step left, by one of the move's roles, in time
# order, never in the future, with the note, deadline and resolution the move needs. What
# is not checked is the dossier (the guards): the record does not hold the plans and scores
# behind decisions already made. Nothing is frozen and nobody is notified: these are not news.


@dataclass(frozen=True)
class Recorded:
    """One step of a recorded history. ``Action.CREATE`` may only come first."""

    action: Action
    at: datetime.datetime
    by: object = None  # the user recorded as acting (None: the system)
    role: Role | None = None  # which of the move's roles acted; default the first in Role order
    note: str = ""
    deadline: datetime.date | None = None
    resolution: object = None


def replay(proposal, steps) -> list:
    """Apply recorded ``steps`` to ``proposal`` in memory; return its new history rows, unsaved.

    Nothing is written (the caller writes the rows, in bulk if it wants); certifying reads
    the programme's validity, and a resolution's meeting is read unless already loaded.
    Raises :class:`TransitionError` at the first step the table refuses, leaving the
    caller to discard the proposal.
    """
    changes = []
    now = timezone.now()
    last = None
    for step in steps:
        action = Action(step.action)
        _check_order(step.at, last, now)
        last = step.at
        if action == Action.CREATE:
            if changes or proposal.status != State.DRAFT:
                raise TransitionError(_("Unknown action “%(action)s”.") % {"action": action}, code="unknown")
            changes.append(StatusChange(
                proposal=proposal, action=action, from_state="", to_state=State.DRAFT, actor=step.by,
                actor_role=step.role or (Role.PROPONENT if step.by else Role.SYSTEM), at=step.at,
            ))
            continue
        move = _move_of(proposal.status, action)
        role = step.role or next(r for r in Role.values if r in move.roles)
        if role not in move.roles:
            raise _forbidden(action)
        _check_inputs(move, proposal, note=step.note, deadline=step.deadline, resolution=step.resolution,
                      when=step.at)
        changes.append(_step(
            proposal, move, role=role, by=step.by, at=step.at, note=step.note, deadline=step.deadline,
            resolution=step.resolution,
        ))
    return changes


def _link_saved_decisions(changes) -> None:
    # A generic link takes the decision's id when it is set: a decision saved after replay()
    # (the bulk fixtures insert them together) is linked again now, as a foreign key would be.
    link = StatusChange._meta.get_field("resolution")
    for change in changes:
        decision = link.get_cached_value(change, default=None)
        if decision is not None and change.resolution_id is None:
            change.resolution = decision


def record_history(proposal, steps) -> list:
    """Write recorded ``steps`` of one saved proposal: all of them, or none."""
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        last = locked.history.order_by("-at").values_list("at", flat=True).first()
        if last and steps and steps[0].at < last:
            raise TransitionError(_("A move cannot be dated before the previous one."), code="invalid", field="at")
        changes = replay(locked, steps)
        locked.save(update_fields=[*sorted(WORKFLOW_FIELDS), "updated_at"])
        _link_saved_decisions(changes)
        changes = StatusChange.objects.bulk_create(changes)
    for name in WORKFLOW_FIELDS:
        setattr(proposal, name, getattr(locked, name))
    return changes


def save_replayed(proposals, changes, *, batch_size=2000) -> None:
    """Insert new ``proposals`` with the history :func:`replay` gave them, in bulk (fixtures only).

    The caller sets each proposal's id first (replay numbers certificates by it). Bulk
    writes send no signals: the caller clears whatever caches read these rows.
    """
    with transaction.atomic():
        Proposal.objects.bulk_create(proposals, batch_size=batch_size)
        _link_saved_decisions(changes)
        StatusChange.objects.bulk_create(changes, batch_size=batch_size)
