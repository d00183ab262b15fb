"""The home page of an organisation member: their proposals and what is expected of them next.

The number of items a draft still lacks is counted for all rows at once, from
the rows already loaded, so the page costs the same number of queries for one
proposal or many. It counts the same conditions as ``guards.submission_problems``
(a test holds the two to the same answer).
"""

from dataclasses import dataclass

from django.db.models import Prefetch, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.permissions import organisation_ids
from core.thai import local_date
from dimensions.models import Dimension

from ..enums import EDITABLE_STATES, State
from ..guards import _blank
from ..models import DimensionPlan, Initiative, ProgrammeSettings, Proposal

# What the Office (or the bodies) are doing, in the states that wait on them.
WAITING = {
    State.SUBMITTED: gettext_lazy("The Office has received your proposal and will screen it"),
    State.SCREENING: gettext_lazy("The Office is screening your proposal"),
    State.EVALUATION: gettext_lazy("The working group is evaluating your plan"),
    State.ON_AGENDA: gettext_lazy("The subcommittee will consider your proposal"),
    State.APPROVED: gettext_lazy("The committee will acknowledge the subcommittee's approval"),
    State.ACKNOWLEDGED: gettext_lazy("The Office will arrange the handing over of the emblem"),
    State.RENEWAL: gettext_lazy("The Office is reviewing the renewal of your certificate"),
}


def member_proposals(user):
    """The proposals of the user's organisations, with what a dashboard row shows."""
    return (
        Proposal.objects.filter(organisation_id__in=organisation_ids(user))
        .select_related("organisation")
        .prefetch_related(
            "provinces", Prefetch("plans", queryset=DimensionPlan.objects.select_related("dimension"))
        )
        .order_by("-updated_at", "-id")
    )


def missing_counts(proposals) -> dict:
    """{proposal id: how many items submission_problems would list}, for drafts, in three queries."""
    drafts = [p for p in proposals if p.status == State.DRAFT]
    if not drafts:
        return {}
    rules = ProgrammeSettings.load()
    mandatory = list(Dimension.objects.filter(is_mandatory=True).values_list("code", flat=True))
    spent = {
        row["plan__proposal"]: row["s"]
        for row in Initiative.objects.filter(plan__proposal__in=drafts).values("plan__proposal").annotate(
            s=Sum("budget_thb")
        )
    }
    counts = {}
    for p in drafts:
        plans = list(p.plans.all())
        claimed = {plan.dimension.code for plan in plans}
        n = sum((
            _blank(p.name_th),
            not list(p.provinces.all()),
            _blank(p.boundary_description),
            p.area_km2 is None,
            _blank(p.city_type),
            _blank(p.vision) or _blank(p.goals),
            _blank(p.infrastructure_plan) or _blank(p.investment_plan),
            _blank(p.data_platform),
            len(claimed) < rules.min_dimensions,
            _blank(p.management_model),
        ))
        n += sum(1 for code in mandatory if code not in claimed)
        n += sum(1 for plan in plans if _blank(plan.summary))
        total, used = p.total_budget_thb, spent.get(p.pk)
        n += int(total is not None and used is not None and used != total)
        counts[p.pk] = n
    return counts


@dataclass(frozen=True)
class Row:
    proposal: Proposal
    next_step: str
    deadline: object  # a date, or None
    deadline_label: str
    editable: bool


def next_step(proposal, missing=None) -> str:
    """The next step expected of the proponent, in words."""
    status = proposal.status
    if status == State.DRAFT:
        if missing:
            return ngettext(
                "Finish and submit: %(n)d item missing", "Finish and submit: %(n)d items missing", missing
            ) % {"n": missing}
        return _("Ready: check and submit your proposal")
    if status == State.REVISION_REQUESTED:
        if proposal.revision_deadline:
            return _("Revise and resubmit by %(date)s") % {"date": local_date(proposal.revision_deadline)}
        return _("Revise and resubmit")
    if status == State.PROMOTION_ZONE:
        return _("Submit the full plan")
    if status in WAITING:
        return str(WAITING[status])
    if status == State.CERTIFIED:
        return _("Nothing to do now: report your plan's progress before renewal")
    return _("Closed: nothing more to do")


def dashboard_rows(user) -> list:
    proposals = list(member_proposals(user))
    counts = missing_counts(proposals)
    rows = []
    for p in proposals:
        if p.status == State.REVISION_REQUESTED and p.revision_deadline:
            deadline, label = p.revision_deadline, _("revision due")
        elif p.status in (State.CERTIFIED, State.RENEWAL) and p.valid_until:
            deadline, label = p.valid_until, _("valid until")
        else:
            deadline, label = None, ""
        rows.append(Row(p, next_step(p, counts.get(p.pk)), deadline, label, p.status in EDITABLE_STATES))
    return rows
