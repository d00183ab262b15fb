"""Open data: the indicators of certified areas and the values their annual reports gave.

Per indicator of an area's plan: its dimension, name, unit, baseline, target and target year,
and for each year of an annual report the Smart City Office accepted, the value reported and
the progress it makes from baseline to target (monitoring/progress.py, the figure the renewal
is judged on). Only accepted reports count, as on the area's public page.

* CSV: one row per indicator and year of an accepted report; an indicator of an area without
  an accepted report yet has one row with the year empty. The whole file, in five queries
  whatever the number of rows (cached with the register's pages).
* JSON: the areas with their indicators, paged by area (``?page=``, PER_PAGE areas a page,
  ``next``/``previous`` links): six queries a page.

The register's filters (CityFilter: province, region, dimension, round, year, state, name)
apply, over the areas that hold or have held a certificate; ``dimension`` also keeps that
dimension's indicators only (an area claiming ENV and MOB shows its ENV indicators).
"""

import io
from decimal import Decimal

from defusedcsv import csv  # a cell starting =, +, -, @ is written '= ...: no formula runs in Excel
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from applications.models import PlanIndicator, Proposal
from core.thai import be_year
from dimensions.models import Dimension
from monitoring.enums import ReportState
from monitoring.models import AnnualReport, IndicatorResult
from monitoring.progress import Item, cut, indicator_progress, plan_progress

from .datasets import CERTIFIED_STATES
from .opendata import PK_MARK, PUBLISHER, _cached, _dumps, _json, city_path
from .selectors import city_list

PER_PAGE = 50

COLUMNS = (
    "city_id", "city_name_th", "city_name_en", "city_status", "province_codes", "dimension", "dimension_th",
    "dimension_en", "indicator_id", "indicator_code", "indicator", "unit", "baseline", "target", "target_year",
    "target_year_be", "year", "year_be", "value", "progress_percent", "plan_progress_percent", "city_url",
)


def certified_areas(filters=None):
    """The areas that hold or held a certificate, filtered as the register, in its order."""
    return (
        city_list(filters).select_related(None).prefetch_related(None).defer(None)
        .filter(status__in=CERTIFIED_STATES)
    )


def _text(number) -> str:
    """A decimal as a plain figure: ``10.0000`` → ``10``, ``-2.5000`` → ``-2.5`` (no separators)."""
    if number is None:
        return ""
    text = format(Decimal(number), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _number(number):
    """A decimal for JSON: an integer when whole, else a float of its plain figure."""
    if number is None:
        return None
    number = Decimal(number)
    return int(number) if number == number.to_integral_value() else float(_text(number))


def _dimension(request):
    """The dimension the reader filters by, if it is one (the register's filter ignores others)."""
    code = request.GET.get("dimension")
    return code if code and Dimension.objects.filter(code=code).exists() else None


def _areas(areas, chosen, url, dimension=None) -> list[dict]:
    """The areas (dicts of pk, names, status) with their indicators and accepted years.

    ``chosen`` selects the same areas for the other queries (a subquery, or a page's ids);
    ``dimension`` (a code) keeps that dimension's indicators only. Four queries: provinces,
    indicators, accepted reports, their results.
    """
    provinces = {}
    for pk, code, name_th, name_en in (
        Proposal.provinces.through.objects.filter(proposal__in=chosen).order_by("province__code")
        .values_list("proposal_id", "province__code", "province__name_th", "province__name_en")
    ):
        provinces.setdefault(pk, []).append({"code": code, "name_th": name_th, "name_en": name_en})
    indicators = {}
    for row in (
        PlanIndicator.objects.filter(plan__proposal__in=chosen).order_by("plan__dimension__order", "pk")
        .values("pk", "plan__proposal_id", "plan__dimension__code", "plan__dimension__name_th",
                "plan__dimension__name_en", "indicator__code", "name", "unit", "baseline", "target",
                "target_year", "weight__weight")
    ):
        indicators.setdefault(row["plan__proposal_id"], []).append(row)
    reports = {}
    for row in (
        AnnualReport.objects.filter(proposal__in=chosen, state=ReportState.ACCEPTED).order_by("year")
        .values("pk", "proposal_id", "year", "progress_percent")
    ):
        reports.setdefault(row["proposal_id"], []).append(row)
    values = {
        (r["report_id"], r["indicator_id"]): r["value"]
        for r in IndicatorResult.objects.filter(
            report__proposal__in=chosen, report__state=ReportState.ACCEPTED
        ).values("report_id", "indicator_id", "value")
    }
    return [
        _area(a, provinces.get(a["pk"], []), indicators.get(a["pk"], []), reports.get(a["pk"], []), values, url,
              dimension)
        for a in areas
    ]


def _area(area, provinces, indicators, reports, values, url, dimension=None) -> dict:
    years = []
    for report in reports:
        figure = report["progress_percent"]
        if figure is None:  # accepted before the figures were kept: as the public page computes it
            figure = plan_progress(
                Item(i["pk"], i["baseline"], i["target"], values.get((report["pk"], i["pk"])),
                     Decimal(1) if i["weight__weight"] is None else i["weight__weight"])
                for i in indicators
            ).shown
        years.append({"report": report["pk"], "year": report["year"], "percent": figure})
    return {
        "id": area["pk"],
        "name_th": area["name_th"],
        "name_en": area["name_en"],
        "status": area["status"],
        "provinces": provinces,
        "url": url.format(pk=area["pk"]),
        "plan_progress": [
            {"year": y["year"], "year_be": be_year(y["year"]), "percent": y["percent"]} for y in years
        ],
        # The plan's figure counts every indicator; the dimension filter narrows what is listed.
        "indicators": [
            _indicator(i, years, values) for i in indicators
            if dimension is None or i["plan__dimension__code"] == dimension
        ],
    }


def _indicator(row, years, values) -> dict:
    reported = []
    for y in years:
        value = values.get((y["report"], row["pk"]))
        reported.append({
            "year": y["year"],
            "year_be": be_year(y["year"]),
            "value": value,
            "progress_percent": cut(indicator_progress(row["baseline"], row["target"], value)),
            "plan_progress_percent": y["percent"],
        })
    return {
        "id": row["pk"],
        "code": row["indicator__code"] or None,
        "dimension": row["plan__dimension__code"],
        "dimension_th": row["plan__dimension__name_th"],
        "dimension_en": row["plan__dimension__name_en"],
        "name": row["name"],
        "unit": row["unit"],
        "baseline": row["baseline"],
        "target": row["target"],
        "target_year": row["target_year"],
        "target_year_be": be_year(row["target_year"]),
        "values": reported,
    }


def _url(request) -> str:
    return request.build_absolute_uri(city_path(PK_MARK)).replace(str(PK_MARK), "{pk}")


# --- CSV: the whole file -------------------------------------------------------------------------


def csv_rows(request):
    """The CSV's rows (lists of cells, without the header), for the filters of ``request``."""
    chosen = certified_areas(request.GET)
    areas = list(chosen.values("pk", "name_th", "name_en", "status"))
    for area in _areas(areas, chosen.values("pk"), _url(request), _dimension(request)):
        codes = " ".join(p["code"] for p in area["provinces"])
        head = [area["id"], area["name_th"], area["name_en"], area["status"], codes]
        for ind in area["indicators"]:
            about = [
                ind["dimension"], ind["dimension_th"], ind["dimension_en"], ind["id"], ind["code"] or "",
                ind["name"], ind["unit"], _text(ind["baseline"]), _text(ind["target"]), ind["target_year"],
                ind["target_year_be"],
            ]
            for v in ind["values"] or [None]:
                reported = ["", "", "", "", ""] if v is None else [
                    v["year"], v["year_be"], _text(v["value"]), _text(v["progress_percent"]),
                    _text(v["plan_progress_percent"]),
                ]
                yield head + about + reported + [area["url"]]


def _csv(request) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # so that Excel opens the Thai names as Thai
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(csv_rows(request))
    return out.getvalue()


def _filename(ext):
    return f"smart-city-indicators-{timezone.localdate().isoformat()}.{ext}"


@require_safe
def export_csv(request):
    response = HttpResponse(_cached("indicators-csv", request, lambda: _csv(request)),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


# --- JSON: paged by area -------------------------------------------------------------------------


def _for_json(area) -> dict:
    for p in area["plan_progress"]:
        p["percent"] = _number(p["percent"])
    for ind in area["indicators"]:
        ind["baseline"], ind["target"] = _number(ind["baseline"]), _number(ind["target"])
        for v in ind["values"]:
            v["value"] = _number(v["value"])
            v["progress_percent"] = _number(v["progress_percent"])
            v["plan_progress_percent"] = _number(v["plan_progress_percent"])
    return area


def _page_link(request, number):
    query = request.GET.copy()
    query["page"] = number
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _json_page(request) -> str:
    page = Paginator(
        certified_areas(request.GET).values("pk", "name_th", "name_en", "status"), PER_PAGE
    ).get_page(request.GET.get("page"))
    areas = list(page.object_list)
    results = [_for_json(a) for a in _areas(areas, [a["pk"] for a in areas], _url(request), _dimension(request))]
    return _dumps({
        "generated": timezone.now().isoformat(timespec="seconds"),
        "publisher": PUBLISHER,
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "next": _page_link(request, page.next_page_number()) if page.has_next() else None,
        "previous": _page_link(request, page.previous_page_number()) if page.has_previous() else None,
        "results": results,
    })


@require_safe
def export_json(request):
    return _json(_cached("indicators-json", request, lambda: _json_page(request)), _filename("json"))
