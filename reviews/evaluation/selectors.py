"""Reads for screening, zone groups, assignments and the score matrix, scoped to the person asking."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from applications.annexes.selectors import attachments_in_version
from applications.enums import State
from applications.guards import submission_problems
from applications.models import DimensionPlan, ProgrammeSettings, Proposal, ProposalVersion
from applications.selectors import LONG_TEXTS, proposals_actionable_by
from applications.versions import describe
from dimensions.models import Dimension, SubCriterion

from ..models import CriterionScore, EvaluatorAssignment, ZoneGroup
from ..permissions import can_screen, is_late
from ..selectors import _weighted_means, dimension_scores_of

SCREENING_STATES = (State.SUBMITTED, State.SCREENING)


def _proposals_for_staff(user):
    if not can_screen(user):
        return Proposal.objects.none()
    # The dossier rule: an officer who declared a conflict of interest on one does not work on it.
    return proposals_actionable_by(user).select_related("organisation", "organisation__province")


def screening_queue(user):
    """Submitted proposals and those being screened, oldest first (the order they were handed in)."""
    return (
        _proposals_for_staff(user)
        .filter(status__in=SCREENING_STATES)
        .prefetch_related(Prefetch("plans", queryset=DimensionPlan.objects.select_related("dimension")))
        .order_by("submitted_at", "id")
    )


def screening_list(user):
    """The queue as the list page shows it: the row's columns only (partial index on the order)."""
    return screening_queue(user).defer(*LONG_TEXTS)


def get_screening_proposal(user, pk) -> Proposal:
    try:
        return screening_queue(user).get(pk=pk)
    except (Proposal.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def screening_facts(proposal) -> dict:
    """What the Office reads to screen ``proposal``: its latest version, that version's annexes,
    and what it still lacks."""
    version = latest_version(proposal)
    return {"version": version, "annexes": attachments_in_version(version), "problems": submission_problems(proposal)}


def zone_groups(user):
    """Announced groups (their promotion zones: ``zones.zones_of`` on the page shown)."""
    if not can_screen(user):
        return ZoneGroup.objects.none()
    return ZoneGroup.objects.select_related("region").order_by("-announced_on", "number", "pk")


def evaluators():
    return User.objects.filter(is_evaluator=True, is_active=True).order_by("first_name", "last_name", "username")


def get_proposal_to_assign(user, pk) -> Proposal:
    if not can_screen(user):
        raise Http404
    try:
        return (
            _proposals_for_staff(user)
            .filter(status=State.EVALUATION)
            .prefetch_related(Prefetch("plans", queryset=DimensionPlan.objects.select_related("dimension")
                                       .order_by("dimension__order")))
            .get(pk=pk)
        )
    except (Proposal.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def latest_version(proposal):
    return ProposalVersion.objects.filter(proposal=proposal).order_by("-number").first()


def assignments_of_proposal(proposal):
    return EvaluatorAssignment.objects.filter(proposal=proposal).select_related("evaluator", "dimension", "version")


@dataclass
class DimensionBoard:
    """A claimed dimension on the assign page: who has it, and where each stands."""

    plan: DimensionPlan
    assignments: list
    score: Decimal | None = None
    passed: bool = False

    @property
    def state(self) -> str:
        if not self.assignments:
            return "not_assigned"
        if any(a.submitted_at is None for a in self.assignments):
            return "in_progress"
        return "submitted"


def assignment_board(proposal, plans) -> list:
    """Each claimed dimension with its assignments, each carrying ``score`` and ``passed`` (3 queries).

    An assignment's score is the weighted mean of its own sub-criterion scores, a
    dimension's the mean over its submitted ones (what the recommend guard reads).
    """
    mark = Decimal(ProgrammeSettings.load().pass_mark_percent)
    current = list(assignments_of_proposal(proposal).order_by("evaluator__first_name", "evaluator__last_name", "id"))
    own = _weighted_means(CriterionScore.objects.filter(assignment__proposal=proposal)
                          .values_list("assignment_id", "subcriterion__weight", "score"))
    dims = dimension_scores_of([proposal.pk])
    board = []
    for plan in plans:
        mine = [a for a in current if a.dimension_id == plan.dimension_id]
        for a in mine:
            a.score = own.get(a.pk) if a.submitted_at else None
            a.passed = a.score is not None and a.score >= mark
        score = dims.get((proposal.pk, plan.dimension_id))
        board.append(DimensionBoard(plan, mine, score, score is not None and score >= mark))
    return board


def my_assignments(user):
    """The evaluator's own assignments: open ones first, soonest due first."""
    if not (user.is_authenticated and user.is_active):
        return EvaluatorAssignment.objects.none()
    return (
        # The dossier rule: nothing of a proposal the evaluator declared a conflict of interest on.
        EvaluatorAssignment.objects.filter(evaluator=user, proposal__in=proposals_actionable_by(user))
        .select_related("proposal__organisation", "dimension", "version")
        .order_by("submitted_at", "due_on", "id")
    )


def my_open_assignments(user):
    """What is still to score: soonest due first (no due date last), then the newest."""
    return my_assignments(user).filter(submitted_at__isnull=True).order_by(
        F("due_on").asc(nulls_last=True), "-id")


def my_open_assignments_marked(user) -> list:
    """:func:`my_open_assignments`, each marked ``is_late`` (past its due date, not submitted)."""
    open_ones = list(my_open_assignments(user))
    for a in open_ones:
        a.is_late = is_late(a)
    return open_ones


def revised_plan_reason(board, version) -> str:
    """The usual reason to offer when scores were submitted on an older version than the latest."""
    if version and any(a.submitted_at and a.version_id != version.pk for row in board for a in row.assignments):
        return _("A revised plan was handed in (version %(number)s).") % {"number": version.number}
    return ""


def my_finished_assignments(user):
    """Scores already submitted, the newest first (the page folds them away and pages them)."""
    return my_assignments(user).filter(submitted_at__isnull=False).order_by("-submitted_at", "-id")


def get_my_assignment(user, pk) -> EvaluatorAssignment:
    """Only the assigned evaluator ever sees an assignment; anyone else gets 404."""
    try:
        return my_assignments(user).get(pk=pk)
    except (EvaluatorAssignment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@dataclass
class ScoreLine:
    subcriterion: SubCriterion
    score: Decimal | None
    comment: str


def score_lines(assignment) -> list:
    """Every active sub-criterion of the dimension with what the evaluator has entered so far."""
    given = {s.subcriterion_id: s for s in assignment.scores.all()}
    subs = SubCriterion.objects.filter(dimension_id=assignment.dimension_id, is_active=True).order_by("order", "id")
    return [
        ScoreLine(sub, given[sub.pk].score if sub.pk in given else None,
                  given[sub.pk].comment if sub.pk in given else "")
        for sub in subs
    ]


def version_plan(assignment):
    """The frozen version's plan for the assigned dimension, and the version's other sections."""
    if assignment.version is None:
        return None, []
    sections = describe(assignment.version.snapshot)
    plan = None
    others = []
    for section in sections:
        if section.key == "dimensions":
            plan = next((p for p in section.plans if p.code == assignment.dimension.code), None)
        else:
            others.append(section)
    return plan, others


# --- The score matrix -------------------------------------------------------------------------


@dataclass
class Cell:
    dimension: Dimension
    claimed: bool = False
    score: Decimal | None = None
    passed: bool = False
    scored_by: list = field(default_factory=list)
    pending: list = field(default_factory=list)
    late: list = field(default_factory=list)

    @property
    def state(self) -> str:
        if not self.claimed:
            return "not_claimed"
        if self.score is not None:
            return "passed" if self.passed else "failed"
        if self.late:
            return "late"
        if self.pending:
            return "pending"
        return "unassigned"


@dataclass
class MatrixRow:
    proposal: Proposal
    cells: list

    @property
    def all_passed(self) -> bool:
        claimed = [c for c in self.cells if c.claimed]
        return bool(claimed) and all(c.passed for c in claimed)


def matrix_proposals(user):
    """The matrix's rows: proposals in evaluation, longest waiting first (paged by the view)."""
    return (
        _proposals_for_staff(user).filter(status=State.EVALUATION).defer(*LONG_TEXTS)
        .prefetch_related(Prefetch("plans", queryset=DimensionPlan.objects.only("id", "proposal_id", "dimension_id")))
        .order_by("status_changed_at", "id")
    )


def score_matrix(user, proposals=None):
    """Proposals in evaluation (``proposals``: one page of them) × the dimensions, in a fixed number of queries.

    Scores are the same weighted means the recommend guard reads
    (:func:`reviews.selectors.dimension_scores`), so a cell marked passed is
    one the guard accepts.
    """
    if not can_screen(user):
        return [], []
    mark = Decimal(ProgrammeSettings.load().pass_mark_percent)
    dimensions = list(Dimension.objects.order_by("order"))
    proposals = list(matrix_proposals(user) if proposals is None else proposals)
    ids = [p.pk for p in proposals]
    scores = dimension_scores_of(ids)
    assignments = (
        EvaluatorAssignment.objects.filter(proposal_id__in=ids).select_related("evaluator").order_by("id")
    )
    by_cell = {}
    for a in assignments:
        by_cell.setdefault((a.proposal_id, a.dimension_id), []).append(a)
    today = timezone.localdate()
    rows = []
    for proposal in proposals:
        claimed = {plan.dimension_id for plan in proposal.plans.all()}
        cells = []
        for dim in dimensions:
            cell = Cell(dimension=dim, claimed=dim.pk in claimed)
            if cell.claimed:
                cell.score = scores.get((proposal.pk, dim.pk))
                cell.passed = cell.score is not None and cell.score >= mark
                for a in by_cell.get((proposal.pk, dim.pk), []):
                    if a.submitted_at:
                        cell.scored_by.append(a.evaluator)
                    elif is_late(a, today):
                        cell.late.append(a)
                    else:
                        cell.pending.append(a)
            cells.append(cell)
        rows.append(MatrixRow(proposal=proposal, cells=cells))
    return dimensions, rows


def get_matrix_proposal(user, pk) -> Proposal:
    if not can_screen(user):
        raise Http404
    try:
        return _proposals_for_staff(user).filter(status=State.EVALUATION).get(pk=pk)
    except (Proposal.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
