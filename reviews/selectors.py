from collections import defaultdict
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from accounts.permissions import is_evaluator
from applications.enums import Role

from .enums import MemberRole
from .models import AgendaItem, BodyMembership, ConflictDeclaration, CriterionScore, EvaluatorAssignment, Resolution

_ROLE = {MemberRole.CHAIR: Role.CHAIR, MemberRole.SECRETARY: Role.SECRETARY, MemberRole.MEMBER: Role.MEMBER}


def current_memberships(user, on):
    return BodyMembership.objects.filter(user=user, term_start__lte=on).filter(
        Q(term_end__isnull=True) | Q(term_end__gte=on)
    )


def holds_a_seat(user) -> bool:
    """A seat on a body that has not ended (one to come counts): the person decides, so signs in
    with a second factor (registered with accounts.hooks in ReviewsConfig.ready())."""
    today = timezone.localdate()
    return BodyMembership.objects.filter(user=user).filter(Q(term_end__isnull=True) | Q(term_end__gte=today)).exists()


# How the people of reviews take part in proposals, registered with the workflow
# (applications.hooks) in ReviewsConfig.ready(): each as the roles it gives on one
# proposal and, built on the same rows, the filter over proposals the lists use.


def _assignments(user):
    # Only people who are evaluators take part through their assignments.
    if not is_evaluator(user):
        return EvaluatorAssignment.objects.none()
    return EvaluatorAssignment.objects.filter(evaluator=user)


def evaluator_roles(user, proposal, on) -> set:
    return {Role.EVALUATOR} if _assignments(user).filter(proposal=proposal).exists() else set()


def evaluator_proposals(user, on) -> Q:
    return Q(pk__in=_assignments(user).values("proposal_id"))


def _agenda_items(user, on):
    """Items on the agendas of the bodies ``user`` sits on at ``on``."""
    bodies = current_memberships(user, on).values("body_id")
    return AgendaItem.objects.filter(meeting__body_id__in=bodies)


def member_roles_on_agenda(user, proposal, on) -> set:
    """Roles the user holds in a body that has the proposal on one of its agendas.

    A member who declared a conflict of interest on the proposal holds none of them: the
    withholding below takes every role on it away (applications.permissions.roles_for).
    """
    items = _agenda_items(user, on).filter(proposal=proposal)
    roles = current_memberships(user, on).filter(body__meetings__agenda__in=items).values_list("role", flat=True)
    return {_ROLE[r] for r in roles}


def agenda_proposals(user, on) -> Q:
    return Q(pk__in=_agenda_items(user, on).values("proposal_id"))


# A conflict of interest declared on any agenda item of a proposal withholds its whole dossier
# from the member, everywhere and for good (the declaration is part of the record), whatever
# other role they hold on it: registered as a withholding (applications.hooks).


def _conflicts(user):
    return ConflictDeclaration.objects.filter(member=user)


def conflict_withholds(user, proposal) -> bool:
    return _conflicts(user).filter(agenda_item__proposal=proposal).exists()


def conflicted_proposals(user) -> Q:
    return Q(pk__in=_conflicts(user).values("agenda_item__proposal_id"))


def conflicted_members(proposal) -> Q:
    return Q(pk__in=ConflictDeclaration.objects.filter(agenda_item__proposal=proposal).values("member_id"))


# The resolutions that decide the moves a meeting decides, as the workflow asks for them
# (applications.hooks.Decisions, registered in ReviewsConfig.ready()).


def resolution_of(pk, proposal):
    """The resolution ``pk`` taken on ``proposal``, with its meeting and body; None if there is none."""
    return Resolution.objects.select_related("meeting__body").filter(pk=pk, proposal=proposal).first()


def resolution_fits(resolution, proposal, rule) -> bool:
    """Whether ``resolution`` decides the move ruled by ``rule`` (its kinds, its body) for ``proposal``."""
    return (
        isinstance(resolution, Resolution)
        and resolution.proposal_id == proposal.pk
        and resolution.kind in rule.kinds
        and resolution.meeting.body.kind == rule.body_kind
    )


def resolutions_fitting(rule, proposals) -> dict:
    """proposal pk -> the resolutions that would decide the move ruled by ``rule``, newest first (one query).

    Only those of meetings already held: a decision is recorded on or after its meeting."""
    found = {p.pk: [] for p in proposals}
    rows = (
        Resolution.objects.filter(proposal__in=found, kind__in=rule.kinds, meeting__body__kind=rule.body_kind,
                                  meeting__held_at__lte=timezone.now())
        .select_related("meeting__body")
        .order_by("-meeting__held_at", "-id")
    )
    for row in rows:
        found[row.proposal_id].append(row)
    return found


def _weighted_means(rows) -> dict:
    """``{key: weighted mean}`` from ``(key, weight, score)`` rows, to two decimals."""
    sums = defaultdict(lambda: [Decimal("0"), Decimal("0")])
    for key, weight, score in rows:
        sums[key][0] += weight * score
        sums[key][1] += weight
    return {key: (total / weights).quantize(Decimal("0.01")) for key, (total, weights) in sums.items() if weights}


def dimension_scores(proposal) -> dict:
    """Weighted mean score (0–100) per claimed dimension id, over submitted evaluations.

    A dimension no evaluator has finished scoring maps to ``None``. With several
    evaluators on one dimension, every submitted sub-criterion score counts by its weight.
    """
    rows = CriterionScore.objects.filter(
        assignment__proposal=proposal, assignment__submitted_at__isnull=False
    ).values_list("assignment__dimension_id", "subcriterion__weight", "score")
    means = _weighted_means(rows)
    claimed = proposal.plans.values_list("dimension_id", flat=True)
    return {d: means.get(d) for d in claimed}


def dimension_scores_of(proposal_ids) -> dict:
    """The same weighted means for many proposals in one query: ``{(proposal_id, dimension_id): score}``."""
    rows = CriterionScore.objects.filter(
        assignment__proposal_id__in=list(proposal_ids), assignment__submitted_at__isnull=False
    ).values_list("assignment__proposal_id", "assignment__dimension_id", "subcriterion__weight", "score")
    return _weighted_means(((p, d), w, s) for p, d, w, s in rows)


# The rest (screening, zone groups, assignments and the score matrix) lives in evaluation/selectors.py.
