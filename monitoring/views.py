"""Pages of the annual reports, renewal and the Office's overview: thin, over services and selectors."""

import datetime

from defusedcsv import csv  # a cell starting =, +, -, @ is written '= ...: no formula runs in Excel
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import is_office_staff
from applications.editor.editing import one_line_ending
from applications.enums import Action
from applications.guards import RENEWAL_WINDOW_DAYS
from applications.workflow import available_moves
from core.files import protected_file_response
from core.paging import page_of

from . import selectors, services
from .enums import EDITABLE, ReportState
from .forms import ReportForm, ReturnForm, StartForm
from .permissions import can_decide_report, can_start_report, can_write_report


def _years(proposal, taken):
    """Years a report may still be started for: from certification to this year, newest first."""
    first = proposal.certified_on.year
    return [y for y in range(timezone.localdate().year, first - 1, -1) if y not in taken]


def _year_choices(years, request):
    thai = (request.LANGUAGE_CODE or "th")[:2] == "th"
    return [(y, y + 543 if thai else y) for y in years]


@login_required
@require_http_methods(["GET", "POST"])
def city_reports(request, pk):
    city = selectors.city_for_reports(request.user, pk)
    reports = list(selectors.reports_of(request.user, city))
    years = _years(city, {r.year for r in reports})
    form = StartForm(request.POST or None, years=_year_choices(years, request))
    if request.method == "POST":
        if not can_start_report(request.user, city):
            raise PermissionDenied
        if form.is_valid():
            try:
                report = services.report_start(proposal=city, by=request.user, year=form.cleaned_data["year"])
            except ValidationError as exc:
                form.add_error("year", exc.message_dict.get("year", exc.messages))
            except services.ReportError as exc:
                messages.error(request, exc.message)
            else:
                return redirect("report-edit", pk=report.pk)
    latest = selectors.latest_accepted(city)
    renewal_moves = [
        (move, problems)
        for move, problems in available_moves(city, request.user)
        if move.action in (Action.APPLY_RENEWAL, Action.RENEW)
    ]
    opens = None
    if city.valid_until and not hasattr(city, "public_record"):
        opens = city.valid_until - datetime.timedelta(days=RENEWAL_WINDOW_DAYS)
    context = {
        "city": city,
        "reports": reports,
        "form": form,
        "years": years,
        "renewal_opens": opens,
        "can_start": can_start_report(request.user, city),
        "latest": latest,
        "renewal_moves": renewal_moves,
    }
    return render(request, "monitoring/city_reports.html", context, status=400 if form.errors else 200)


@login_required
def report_detail(request, pk):
    report = selectors.get_report(request.user, pk)
    results = list(report.results.all())
    progress = selectors.report_progress(report, results)
    context = {
        "report": report,
        "city": report.proposal,
        "results": results,
        "per_indicator": progress.per_indicator,
        "progress": progress,
        "missing": [r for r in results if r.indicator_id in progress.missing],
        "can_write": can_write_report(request.user, report),
        "can_decide": can_decide_report(request.user) and report.state == ReportState.SUBMITTED,
        "problems": services.submission_problems(report) if report.state in EDITABLE else [],
        "return_form": ReturnForm(),
    }
    return render(request, "monitoring/report_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, pk):
    report = selectors.get_report(request.user, pk)
    if not can_write_report(request.user, report):
        messages.error(request, _("This report can no longer be changed."))
        return redirect("report-detail", pk=report.pk)
    # Line breaks stored as LF, as the editor stores them (a form post sends CRLF).
    data = one_line_ending(request.POST) if request.method == "POST" else None
    form = ReportForm(data, request.FILES or None, report=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_save(
                report=report,
                by=request.user,
                summary=form.cleaned_data["summary"],
                indicators=form.indicator_values(),
                initiatives=form.initiative_values(),
                evidence=form.evidence(),
            )
            if "submit" in request.POST:
                services.report_submit(report=report, by=request.user)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        except services.ReportError as exc:
            # Saved, but not ready to submit: say what is missing, keep the page.
            form.add_error(None, exc.problems or [exc.message])
        else:
            if "submit" in request.POST:
                messages.success(request, _("The report was submitted to the Smart City Office."))
                return redirect("report-detail", pk=report.pk)
            messages.success(request, _("The report was saved."))
            return redirect("report-edit", pk=report.pk)
    returned = None
    if report.state == ReportState.RETURNED:
        returned = next((e for e in reversed(report.events.all()) if e.action == "return"), None)
    context = {"report": report, "city": report.proposal, "form": form, "returned": returned}
    return render(request, "monitoring/report_edit.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def report_submit(request, pk):
    report = selectors.get_report(request.user, pk)
    try:
        services.report_submit(report=report, by=request.user)
    except services.ReportError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The report was submitted to the Smart City Office."))
    return redirect("report-detail", pk=report.pk)


@login_required
@require_POST
def report_decide(request, pk):
    report = selectors.get_report(request.user, pk)
    if not can_decide_report(request.user):
        raise Http404
    try:
        if request.POST.get("decision") == "accept":
            if request.POST.get("confirm") != "yes":
                # The browser enforces the tick box; this catches a post without it.
                messages.error(request, _("Tick the box to confirm: an accepted report cannot be changed."))
                return redirect("report-detail", pk=report.pk)
            services.report_accept(report=report, by=request.user)
            messages.success(request, _("The report was accepted."))
        else:
            form = ReturnForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Write what the city should change."))
                return redirect("report-detail", pk=report.pk)
            services.report_return(report=report, by=request.user, note=form.cleaned_data["note"])
            messages.success(request, _("The report was returned to the city."))
    except (services.ReportError, ValidationError) as exc:
        messages.error(request, getattr(exc, "message", None) or " ".join(exc.messages))
    return redirect("report-detail", pk=report.pk)


@login_required
def evidence_download(request, pk, result_pk):
    row = selectors.get_evidence(request.user, pk, result_pk)
    return protected_file_response(row.evidence, filename=row.evidence_name, content_type=row.evidence_type)


def _staff_only(request):
    if not is_office_staff(request.user):
        raise Http404


OVERVIEW_PER_PAGE = 50


@login_required
def overview(request):
    _staff_only(request)
    # One page of cities; the two figures above it count every city, in the database.
    page = page_of(request, selectors.certified_cities(), OVERVIEW_PER_PAGE)
    year = timezone.localdate().year
    counts = selectors.overview_counts(year)
    context = {
        "rows": selectors.overview(year, page.object_list),
        "page": page,
        "year": year,
        "not_reported": counts["not_reported"],
        "due": counts["due"],
    }
    return render(request, "monitoring/overview.html", context)


@login_required
def overview_csv(request):
    _staff_only(request)
    year = timezone.localdate().year
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="progress-overview-{year + 543}.csv"'
    response.write("\ufeff")  # UTF-8 with a byte-order mark: Excel opens the Thai names as Thai
    writer = csv.writer(response)
    writer.writerow(
        [
            "id",
            "name_th",
            "name_en",
            "status",
            "valid_until",
            "from_public_record",
            f"report_{year + 543}_state",
            "reported_this_year",
            "renewal_due",
            "progress_percent",
            "progress_year_be",
        ]
    )
    for r in selectors.overview(year):
        city = r["city"]
        writer.writerow(
            [
                city.pk,
                city.name_th,
                city.name_en,
                city.status,
                "" if r["from_record"] else (city.valid_until.isoformat() if city.valid_until else ""),
                "yes" if r["from_record"] else "",
                r["report"].state if r["report"] else "",
                "yes" if r["reported"] else "no",
                "yes" if r["renewal_due"] else "no",
                r["progress"] if r["progress"] is not None else "",
                r["progress_year"] + 543 if r["progress_year"] else "",
            ]
        )
    return response
