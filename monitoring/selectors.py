"""Reads of the annual reports, scoped to the person asking (a stranger gets 404)."""

import datetime
from decimal import Decimal

from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, Value, When
from django.http import Http404
from django.utils import timezone

from accounts.permissions import is_office_staff, organisation_ids
from applications.enums import State
from applications.models import DimensionPlan, PlanIndicator, Proposal
from applications.selectors import LONG_TEXTS, proposals_actionable_by

from .enums import ReportState
from .models import AnnualReport, IndicatorResult
from .progress import Item, plan_progress

RENEWAL_WINDOW = datetime.timedelta(days=90)


def _weight(indicator) -> Decimal:
    try:
        return indicator.weight.weight
    except PlanIndicator.weight.RelatedObjectDoesNotExist:
        return Decimal(1)


def report_progress(report, results=None):
    """The plan progress of one report (PlanProgress), from its results and the weights."""
    if results is None:
        results = report.results.select_related("indicator", "indicator__weight")
    return plan_progress(
        Item(r.indicator_id, r.indicator.baseline, r.indicator.target, r.value, _weight(r.indicator)) for r in results
    )


def reports_visible_to(user):
    qs = AnnualReport.objects.select_related("proposal", "proposal__organisation")
    if is_office_staff(user):
        # The dossier rule: not the reports of a city the officer declared a conflict of interest on.
        return qs.filter(proposal__in=proposals_actionable_by(user))
    return qs.filter(proposal__organisation_id__in=organisation_ids(user))


def city_for_reports(user, pk) -> Proposal:
    """A certified (or once certified) city the user reports for or reviews; else 404."""
    qs = Proposal.objects.filter(certified_on__isnull=False).select_related("organisation", "public_record")
    if is_office_staff(user):
        qs = qs.filter(pk__in=proposals_actionable_by(user).values("pk"))
    else:
        qs = qs.filter(organisation_id__in=organisation_ids(user))
    try:
        return qs.prefetch_related(
            Prefetch("plans", queryset=DimensionPlan.objects.prefetch_related("indicators", "initiatives"))
        ).get(pk=pk)
    except (Proposal.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def reports_of(user, proposal):
    return reports_visible_to(user).filter(proposal=proposal).order_by("-year")


def get_report(user, pk) -> AnnualReport:
    try:
        return (
            reports_visible_to(user)
            .prefetch_related(
                Prefetch(
                    "results",
                    queryset=IndicatorResult.objects.select_related(
                        "indicator", "indicator__plan__dimension", "indicator__weight"
                    ),
                ),
                "initiatives__initiative__plan__dimension",
                "events__actor",
            )
            .get(pk=pk)
        )
    except (AnnualReport.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_evidence(user, pk, result_pk) -> IndicatorResult:
    report = get_report(user, pk)
    try:
        return report.results.exclude(evidence="").get(pk=result_pk)
    except (IndicatorResult.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def latest_accepted(proposal):
    return proposal.annual_reports.filter(state=ReportState.ACCEPTED).order_by("-year").first()


# --- the public page: accepted reports only -------------------------------------------------


def public_progress(proposal) -> dict:
    """Accepted reports of a public city: plan progress per year and each indicator's values.

    Three queries whatever the number of years: the reports, their results,
    the indicators with their weights.
    """
    reports = list(proposal.annual_reports.filter(state=ReportState.ACCEPTED).order_by("year"))
    if not reports:
        return {"years": [], "points": [], "rows": []}
    results = list(IndicatorResult.objects.filter(report__in=reports).select_related("indicator", "indicator__weight"))
    by_report = {}
    for r in results:
        by_report.setdefault(r.report_id, []).append(r)
    indicators = list(
        PlanIndicator.objects.filter(plan__proposal=proposal)
        .select_related("plan__dimension")
        .order_by("plan__dimension__order", "pk")
    )
    years = [r.year for r in reports]
    points = []
    for report in reports:
        # The figure accepted then; computed for reports accepted before figures were kept.
        figure = report.progress_percent
        if figure is None:
            figure = report_progress(report, by_report.get(report.pk, [])).shown
        points.append({"year": report.year, "percent": figure})
    values = {(r.report_id, r.indicator_id): r.value for r in results}
    rows = [{"indicator": ind, "values": [values.get((rep.pk, ind.pk)) for rep in reports]} for ind in indicators]
    return {"years": years, "points": points, "rows": rows}


# --- the Office's overview -----------------------------------------------------------------


def renewal_due_q(today=None) -> Q:
    """Certified cities within 90 days of their end date, or whose renewal is being considered.

    Certificates loaded from the public record are left out: the record does
    not state their validity, so the end date the portal computed is not theirs.
    """
    today = today or timezone.localdate()
    return Q(status=State.RENEWAL) | Q(
        status=State.CERTIFIED, valid_until__lte=today + RENEWAL_WINDOW, public_record__isnull=True
    )


def certified_cities():
    """Every city holding a certificate, in the overview's order: the portal's own certificates
    first (their cities report here), areas loaded from the public record, which have no account
    in the portal yet, after them; then by end date and name. Long texts left out."""
    from_record = Case(When(public_record__isnull=True, then=Value(0)), default=Value(1))
    return (
        Proposal.objects.filter(status__in=(State.CERTIFIED, State.RENEWAL))
        .select_related("organisation", "public_record")
        .defer(*LONG_TEXTS)
        .order_by(from_record, "valid_until", "name_th", "pk")
    )


def overview_counts(year=None) -> dict:
    """The overview's two figures over every certified city, counted in the database (one query)."""
    year = year or timezone.localdate().year
    today = timezone.localdate()
    reported = AnnualReport.objects.filter(
        proposal=OuterRef("pk"), year=year, state__in=(ReportState.SUBMITTED, ReportState.ACCEPTED)
    )
    return Proposal.objects.filter(status__in=(State.CERTIFIED, State.RENEWAL)).aggregate(
        not_reported=Count("pk", filter=~Q(Exists(reported))),
        due=Count("pk", filter=renewal_due_q(today)),
    )


def overview(year=None, cities=None):
    """Rows of the overview: each city (``cities``: one page of them; all if None) with this year's
    report, the latest accepted figure and whether renewal is due.

    A fixed number of queries (3) whatever the number of cities.
    """
    year = year or timezone.localdate().year
    today = timezone.localdate()
    cities = list(certified_cities() if cities is None else cities)
    reports = AnnualReport.objects.filter(proposal__in=[c.pk for c in cities]).order_by("proposal_id", "-year")
    this_year = {}
    accepted = {}
    for r in reports.only("pk", "proposal_id", "year", "state", "progress_percent"):
        if r.year == year:
            this_year[r.proposal_id] = r
        if r.state == ReportState.ACCEPTED and r.proposal_id not in accepted:
            accepted[r.proposal_id] = r
    due = set(
        Proposal.objects.filter(pk__in=[c.pk for c in cities]).filter(renewal_due_q(today)).values_list("pk", flat=True)
    )
    rows = []
    for city in cities:
        report = this_year.get(city.pk)
        latest = accepted.get(city.pk)
        rows.append(
            {
                "city": city,
                "report": report,
                "reported": report is not None and report.state in (ReportState.SUBMITTED, ReportState.ACCEPTED),
                "renewal_due": city.pk in due,
                "from_record": hasattr(city, "public_record"),
                "progress": latest.progress_percent if latest else None,
                "progress_year": latest.year if latest else None,
            }
        )
    return rows
