"""The conditions a move needs, each returning the list of what is missing.

They return messages rather than raising, so the same functions feed the live
checklist on the proposal pages and the workflow's refusal. The conditions that
rest on the apps above (the scores, the progress reports) are theirs, registered
with the workflow (applications.hooks).
"""

import datetime

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core.thai import local_date
from dimensions.models import Dimension

from .enums import State
from .models import Initiative, ProgrammeSettings


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def submission_problems(proposal) -> list:
    """The five criteria of announcement 1/2562, and the dimension rules."""
    rules = ProgrammeSettings.load()
    problems = []
    # 1. Target area, vision and goals.
    if _blank(proposal.name_th):
        problems.append(_("Criterion 1: give the Thai name of the target area."))
    if not proposal.provinces.exists():
        problems.append(_("Criterion 1: choose the province(s) of the target area."))
    if _blank(proposal.boundary_description):
        problems.append(_("Criterion 1: describe the boundary of the target area."))
    if proposal.area_km2 is None:
        problems.append(_("Criterion 1: give the area in km²."))
    if _blank(proposal.city_type):
        problems.append(_("Criterion 1: choose the city type."))
    if _blank(proposal.vision) or _blank(proposal.goals):
        problems.append(_("Criterion 1: write the vision and the goals."))
    # 2. Infrastructure and investment.
    if _blank(proposal.infrastructure_plan) or _blank(proposal.investment_plan):
        problems.append(_("Criterion 2: write the infrastructure and investment plan."))
    # 3. City data platform.
    if _blank(proposal.data_platform):
        problems.append(_("Criterion 3: describe the city data platform."))
    # 4. Dimensions.
    plans = list(proposal.plans.select_related("dimension"))
    claimed = {p.dimension.code for p in plans}
    if len(claimed) < rules.min_dimensions:
        problems.append(
            _("Criterion 4: claim at least %(n)d dimensions (you have %(have)d).")
            % {"n": rules.min_dimensions, "have": len(claimed)}
        )
    for dim in Dimension.objects.filter(is_mandatory=True).order_by("order"):
        if dim.code not in claimed:
            problems.append(
                _("Criterion 4: %(dimension)s must be among the dimensions.") % {"dimension": dim.name}
            )
    for plan in plans:
        if _blank(plan.summary):
            problems.append(
                _("Criterion 4: summarise the plan for %(dimension)s.") % {"dimension": plan.dimension.name}
            )
    # 5. Management model.
    if _blank(proposal.management_model):
        problems.append(_("Criterion 5: describe the management model."))
    problems.extend(budget_problems(proposal, require_total=False))
    return problems


def budget_problems(proposal, require_total: bool) -> list:
    """The initiatives' budgets must add up to the stated total."""
    total = proposal.total_budget_thb
    if total is None:
        return [_("Criterion 2: give the total budget in baht.")] if require_total else []
    spent = Initiative.objects.filter(plan__proposal=proposal).aggregate(s=Sum("budget_thb"))["s"]
    if spent is None:
        return []
    if spent != total:
        return [
            _("The initiatives' budgets add up to %(sum)s baht, not the total of %(total)s baht.")
            % {"sum": f"{spent:,.2f}", "total": f"{total:,.2f}"}
        ]
    return []


def plan_problems(proposal) -> list:
    """The full plan for evaluation: every dimension with initiatives and indicators."""
    problems = submission_problems(proposal)
    plans = proposal.plans.select_related("dimension").prefetch_related("initiatives", "indicators")
    for plan in plans:
        name = {"dimension": plan.dimension.name}
        if not plan.initiatives.all():
            problems.append(_("%(dimension)s: add at least one initiative with its budget.") % name)
        if not plan.indicators.all():
            problems.append(_("%(dimension)s: add at least one indicator with baseline and target.") % name)
    problems.extend(p for p in budget_problems(proposal, require_total=True) if p not in problems)
    return problems


def revision_origin(proposal):
    """The state the open revision request was made from."""
    last = proposal.history.filter(to_state=State.REVISION_REQUESTED).order_by("-at", "-id").first()
    return last.from_state if last else None


def in_screening_revision(proposal) -> bool:
    return revision_origin(proposal) == State.SCREENING


def in_plan_revision(proposal) -> bool:
    return revision_origin(proposal) in (State.EVALUATION, State.ON_AGENDA)


def resubmit_problems(proposal) -> list:
    if revision_origin(proposal) != State.SCREENING:
        return [_("This revision was asked for in evaluation: resubmit the revised plan instead.")]
    return submission_problems(proposal)


def resubmit_plan_problems(proposal) -> list:
    if revision_origin(proposal) not in (State.EVALUATION, State.ON_AGENDA):
        return [_("This revision was asked for in screening: resubmit the proposal instead.")]
    return plan_problems(proposal)


# A city may apply for renewal from this many days before its certificate ends.
RENEWAL_WINDOW_DAYS = 90


def renewal_window_open(proposal) -> bool:
    return not renewal_window_problems(proposal)


def renewal_window_problems(proposal) -> list:
    if proposal.valid_until is None:
        return [_("The certificate has no end date to renew from.")]
    opens = proposal.valid_until - datetime.timedelta(days=RENEWAL_WINDOW_DAYS)
    if timezone.localdate() < opens:
        return [
            _("Renewal can be applied for from %(date)s, %(days)d days before the certificate ends.")
            % {"date": local_date(opens), "days": RENEWAL_WINDOW_DAYS}
        ]
    return []


def expiry_problems(proposal) -> list:
    if proposal.valid_until is None or proposal.valid_until >= timezone.localdate():
        return [_("The certificate is still valid.")]
    return []
