from collections import defaultdict
from decimal import Decimal

from django.db.models import Q

from applications.enums import Role

from .enums import MemberRole
from .models import BodyMembership, CriterionScore

_ROLE = {MemberRole.CHAIR: Role.CHAIR, MemberRole.SECRETARY: Role.SECRETARY, MemberRole.MEMBER: Role.MEMBER}


def current_memberships(user, on):
    return BodyMembership.objects.filter(user=user, term_start__lte=on).filter(
        Q(term_end__isnull=True) | Q(term_end__gte=on)
    )


def member_roles_on_agenda(user, proposal, on) -> set:
    """Roles the user holds in a body that has the proposal on one of its agendas.

    A member who declared a conflict of interest on that item holds no role for it:
    no dossier, no vote.
    """
    roles = (
        current_memberships(user, on)
        .filter(body__meetings__agenda__proposal=proposal)
        .exclude(body__meetings__agenda__conflicts__member=user)
        .values_list("role", flat=True)
    )
    return {_ROLE[r] for r in roles}


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
