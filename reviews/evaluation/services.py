"""Writes for screening, promotion-zone groups, evaluator assignments and scores.

State changes go through :func:`applications.workflow.transition` only; what
is written here alongside a move is written in the move's transaction.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import is_evaluator, is_office_staff
from applications.enums import Action, State
from applications.models import Proposal
from applications.workflow import proposal_move, transition
from core.errors import DomainError
from dimensions.models import SubCriterion
from provinces.enums import RegionScheme

from .. import hooks
from ..models import CriterionScore, EvaluatorAssignment, ScoreReopening, ScoreSubmission, ZoneGroup
from ..notify import evaluators_notify
from ..permissions import can_assign_evaluators, can_score
from .assigning import RESCORE, AssignmentPlan, plan_build
from .selectors import latest_version


class EvaluationError(DomainError):
    """A refused write, with the input at fault (``field``) if any."""


# --- Screening and promotion zones -------------------------------------------------------------


def create_zone_group(*, number, region, announced_on) -> ZoneGroup:
    if region.scheme != RegionScheme.FOUR:
        raise EvaluationError(_("Choose a region of the programme's 4-region scheme."), field="region")
    if ZoneGroup.objects.filter(number=number, region=region).exists():
        raise EvaluationError(
            _("Group %(number)s of this region has already been announced: choose it from the list.")
            % {"number": number},
            field="number",
        )
    try:
        with transaction.atomic():
            return ZoneGroup.objects.create(number=number, region=region, announced_on=announced_on)
    except IntegrityError:
        raise EvaluationError(
            _("Group %(number)s of this region has already been announced: choose it from the list.")
            % {"number": number},
            field="number",
        ) from None


def declare_zone(*, proposal, by, group=None, number=None, region=None, announced_on=None, note=""):
    """Declare a promotion zone and put it in its announced group, all or nothing.

    Either ``group`` (an announced one) or ``number``, ``region`` and
    ``announced_on`` (a new group) is given. A refused move leaves neither a
    new group nor a group on the proposal.
    """
    with transaction.atomic():
        if group is None:
            group = create_zone_group(number=number, region=region, announced_on=announced_on)
        change = transition(proposal, Action.DECLARE_ZONE, by=by, note=note)
        proposal.zone_group_id = group.pk
        proposal.save(update_fields=["zone_group_id"])
    return change


# The screening page's steps: the move each makes, or the zone declaration.
SCREENING_MOVES = {"screen": Action.SCREEN, "return": Action.RETURN_FOR_REVISION, "reject": Action.REJECT}
SCREENING_STEPS = (*SCREENING_MOVES, "zone")


def screening_decide(*, proposal, by, step, data=None):
    """The Office's step on a proposal being screened: ``screen``, ``return`` (``data``: note,
    deadline), ``reject`` (note) or ``zone`` (the fields of :func:`declare_zone`).

    Raises :class:`~applications.workflow.TransitionError` or :class:`EvaluationError`; writes nothing then.
    """
    data = data or {}
    if step == "zone":
        return declare_zone(
            proposal=proposal, by=by, group=data.get("group"), number=data.get("number"),
            region=data.get("region"), announced_on=data.get("announced_on"), note=data.get("note", ""),
        )
    if step not in SCREENING_MOVES:
        raise EvaluationError(_("Choose a step."), code="invalid")
    return proposal_move(proposal=proposal, action=SCREENING_MOVES[step], by=by, note=data.get("note", ""),
                         deadline=data.get("deadline"))


# --- Assigning evaluators ----------------------------------------------------------------------


@dataclass(frozen=True)
class Assigning:
    """What the assign page asked for: the plan, and the assignments made (None: only shown)."""

    plan: AssignmentPlan
    done: list | None = None


def _plan_changed():
    return EvaluationError(
        _("The assignments changed after the summary was shown (or the choice did): nothing was "
          "changed. Check the new summary and confirm again."),
        code="plan_changed",
    )


def assignment_plan(*, proposal, by, choices, due_on, reason="", current=None) -> AssignmentPlan:
    """Check ``choices`` (a Dimension -> users) and say what assigning them would change; writes nothing.

    The assign page shows this to be confirmed; :func:`assign_evaluators` works
    it out again from the locked rows. ``current``: the proposal's assignments,
    if the caller has them.
    """
    if not can_assign_evaluators(by, proposal):
        raise EvaluationError(_("Evaluators can only be assigned by the Office to a proposal under evaluation."))
    if due_on is None or due_on < timezone.localdate():
        raise EvaluationError(_("The due date cannot be in the past."), field="due_on")
    version = latest_version(proposal)
    if version is None:
        raise EvaluationError(_("The proposal has no submitted version to score."))
    if not any(choices.values()):
        raise EvaluationError(_("Choose at least one evaluator."))
    claimed = set(proposal.plans.values_list("dimension_id", flat=True))
    for dimension, users in choices.items():
        if dimension.pk not in claimed:
            raise EvaluationError(_("%(dimension)s is not claimed by this proposal.") % {"dimension": dimension.name})
        for user in users:
            if not is_evaluator(user):
                raise EvaluationError(
                    _("%(user)s is not an evaluator.") % {"user": user.get_full_name() or user.username}
                )
    if current is None:
        current = list(EvaluatorAssignment.objects.filter(proposal=proposal))
    plan = plan_build(version=version, due_on=due_on, reason=(reason or "").strip(), current=current,
                      choices=choices)
    if plan.rescored and not plan.reason:
        # Sending submitted scores back is part of the record: it says why.
        raise EvaluationError(_("Say why the submitted scores are sent back: the reason is kept with them."),
                              field="reason")
    return plan


def assign_evaluators(*, proposal, by, choices, due_on, reason="", confirmed=None) -> list:
    """Assign the evaluators chosen per claimed dimension (``choices`` maps a Dimension to users); only them.

    A new assignment records the proposal's latest frozen version: evaluators
    score what was handed in. A chosen evaluator who has submitted is sent back
    through :func:`reopen_assignment` (with ``reason``) and scores the latest
    version; one still scoring gets the new due date (and version). Only the
    chosen are told. Assignments not chosen keep their submitted scores and
    hear nothing. ``confirmed``: the digest of the plan staff confirmed; if the
    assignments changed since, nothing is written.
    """
    try:
        with transaction.atomic():
            current = list(EvaluatorAssignment.objects.select_for_update().filter(proposal=proposal))
            plan = assignment_plan(proposal=proposal, by=by, choices=choices, due_on=due_on, reason=reason,
                                   current=current)
            if confirmed is not None and confirmed != plan.digest:
                raise _plan_changed()
            done = []
            for line in plan.lines:
                a = line.assignment
                if a is None:
                    a = EvaluatorAssignment.objects.create(
                        proposal=proposal, dimension=line.dimension, evaluator=line.evaluator,
                        version=plan.version, assigned_by=by, due_on=due_on,
                    )
                else:
                    if line.action == RESCORE:
                        # The one way submitted scores are sent back (it keeps what was submitted).
                        reopen_assignment(assignment=a, by=by, reason=plan.reason)
                        a.refresh_from_db(fields=["submitted_at"])
                    a.due_on, a.assigned_by, a.version = due_on, by, plan.version
                    a.save(update_fields=["due_on", "assigned_by", "version"])
                done.append(a)
            evaluators_notify(assignments=done)
    except IntegrityError:
        # Someone assigned the same evaluator meanwhile (the unique constraint).
        raise _plan_changed() from None
    return done


def assignment_submit(*, proposal, by, choices, due_on, reason="", current=None, confirmed=None) -> Assigning:
    """The assign page's one call: check the choice and say what it would change; with
    ``confirmed`` (the digest of the plan staff confirmed), also make the assignments.

    Raises :class:`EvaluationError` (``plan_changed`` when the assignments or the choice moved on
    since the summary was shown); nothing is written then.
    """
    args = {"proposal": proposal, "by": by, "choices": choices, "due_on": due_on, "reason": reason}
    plan = assignment_plan(**args, current=current)
    if confirmed is None:
        return Assigning(plan)
    return Assigning(plan, assign_evaluators(**args, confirmed=confirmed))


def assignment_plan_or_none(*, proposal, by, choices, due_on, reason="", current=None) -> AssignmentPlan | None:
    """The plan as it would be now, or None where the choice is refused (shown after a refusal)."""
    try:
        return assignment_plan(proposal=proposal, by=by, choices=choices, due_on=due_on, reason=reason,
                               current=current)
    except EvaluationError:
        return None


def reopen_assignment(*, assignment, by, reason="") -> EvaluatorAssignment:
    """The Office sends submitted scores back to their evaluator (they become a draft again).

    A recorded act (who, when, why): the submission it reopens stays as it was submitted
    (a :class:`ScoreSubmission`), and the next submission is frozen beside it.
    """
    if not is_office_staff(by):
        raise EvaluationError(_("Only the Office can reopen an evaluation."), code="forbidden")
    with transaction.atomic():
        locked = EvaluatorAssignment.objects.select_for_update().get(pk=assignment.pk)
        if locked.submitted_at is None:
            assignment.submitted_at = None
            return assignment
        ScoreReopening.objects.create(
            assignment=locked, submission=locked.submissions.order_by("-submitted_at", "-id").first(), by=by,
            reason=(reason or "").strip(),
        )
        EvaluatorAssignment.objects.filter(pk=locked.pk).update(submitted_at=None)
    assignment.submitted_at = None
    return assignment


def score_submission_record(*, assignment, by, at) -> ScoreSubmission:
    """Freeze the assignment's scores as submitted at ``at``: what each sub-criterion got, its
    weight and the comment, and the weighted mean (as the recommend guard reads it)."""
    rows = list(
        CriterionScore.objects.filter(assignment=assignment).select_related("subcriterion")
        .order_by("subcriterion__order", "subcriterion_id")
    )
    weights = sum((r.subcriterion.weight for r in rows), Decimal("0"))
    total = None
    if weights:
        total = (sum((r.subcriterion.weight * r.score for r in rows), Decimal("0")) / weights).quantize(Decimal("0.01"))
    return ScoreSubmission.objects.create(
        assignment=assignment, version_id=assignment.version_id, submitted_at=at, by=by, total=total,
        scores=[
            {"subcriterion": r.subcriterion_id, "code": r.subcriterion.code, "name": r.subcriterion.name_th,
             "weight": str(r.subcriterion.weight), "score": str(r.score), "comment": r.comment}
            for r in rows
        ],
    )


def scores_complete_check(*, proposal) -> bool:
    """Tell the apps above (staff are told) when the last evaluator of ``proposal`` has submitted.

    The proposal's row is locked first: of two evaluators submitting at once, the second
    waits, then sees both submissions, so the news goes out once, by the last one.
    """
    Proposal.objects.select_for_update().filter(pk=proposal.pk).first()
    assignments = list(EvaluatorAssignment.objects.filter(proposal=proposal).select_related("evaluator", "dimension"))
    if not assignments or any(a.submitted_at is None for a in assignments):
        return False
    hooks.emit("scores_complete", proposal, assignments=assignments)
    return True


# --- Scoring -------------------------------------------------------------------------------------


def save_scores(*, assignment, by, entries, submit=False) -> EvaluatorAssignment:
    """Keep the evaluator's scores as a draft, or submit them.

    ``entries`` maps a sub-criterion id to ``(score or None, comment)``. A
    draft keeps what was scored; submitting needs every active sub-criterion of
    the dimension scored, and after that the scores are read-only.
    """
    with transaction.atomic():
        locked = (
            EvaluatorAssignment.objects.select_for_update(of=("self",))
            .select_related("proposal").get(pk=assignment.pk)
        )
        if not can_score(by, locked):
            if locked.submitted_at is not None:
                raise EvaluationError(_("These scores have been submitted and can no longer be changed."))
            if locked.proposal.status != State.EVALUATION:
                raise EvaluationError(_("The proposal is no longer under evaluation."))
            raise EvaluationError(_("Only the assigned evaluator can score this."))
        subs = list(SubCriterion.objects.filter(dimension_id=locked.dimension_id, is_active=True))
        active = {s.pk for s in subs}
        # Scores of sub-criteria staff have since retired do not count.
        CriterionScore.objects.filter(assignment=locked).exclude(subcriterion_id__in=active).delete()
        for sub in subs:
            score, comment = entries.get(sub.pk, (None, ""))
            if score is None:
                CriterionScore.objects.filter(assignment=locked, subcriterion=sub).delete()
                continue
            CriterionScore.objects.update_or_create(
                assignment=locked, subcriterion=sub, defaults={"score": score, "comment": (comment or "").strip()}
            )
        if submit:
            missing = [s.name for s in subs if entries.get(s.pk, (None, ""))[0] is None]
            if missing:
                raise EvaluationError(
                    _("Score every sub-criterion before submitting: %(missing)s.") % {"missing": ", ".join(missing)},
                    problems=missing,
                )
            if not subs:
                raise EvaluationError(_("This dimension has no active sub-criteria to score."))
            locked.submitted_at = timezone.now()
            locked.save(update_fields=["submitted_at"])
            score_submission_record(assignment=locked, by=by, at=locked.submitted_at)
            scores_complete_check(proposal=locked.proposal)
    assignment.submitted_at = locked.submitted_at
    return assignment
