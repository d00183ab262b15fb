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
    """Roles the user holds in a body that has the proposal on one of its agendas."""
    roles = current_memberships(user, on).filter(
        body__meetings__agenda__proposal=proposal
    ).values_list("role", flat=True)
    return {_ROLE[r] for r in roles}


def dimension_scores(proposal) -> dict:
    """Weighted mean score (0–100) per claimed dimension id, over submitted evaluations.

    A dimension no evaluator has finished scoring maps to ``None``.
    """
    sums = defaultdict(lambda: [Decimal("0"), Decimal("0")])
    rows = CriterionScore.objects.filter(
        assignment__proposal=proposal, assignment__submitted_at__isnull=False
    ).values_list("assignment__dimension_id", "subcriterion__weight", "score")
    for dimension_id, weight, score in rows:
        sums[dimension_id][0] += weight * score
        sums[dimension_id][1] += weight
    claimed = proposal.plans.values_list("dimension_id", flat=True)
    return {
        d: (sums[d][0] / sums[d][1]).quantize(Decimal("0.01")) if sums[d][1] else None
        for d in claimed
    }
