"""Open data: the register as CSV, JSON and GeoJSON, under the same filters as its pages.

Every export reads the rows through ``selectors.city_list`` with the request's query
string (``CityFilter``), so ``/register/export.csv?province=50`` is what
``/register/?province=50`` shows. The queries are the same whatever the number of rows.
"""

import io
import json

from defusedcsv import csv  # a cell starting =, +, -, @ is written '= ...: no formula runs in Excel
from django.http import HttpResponse
from django.urls import NoReverseMatch
from django.utils import timezone
from django.views.decorators.http import require_safe  # GET and HEAD: link checkers ask HEAD first

from applications.enums import State
from applications.models import DimensionPlan, Proposal
from core.thai import be_year

from . import cache
from .maps import CITY_ROUTE, reverse_register, thailand_map
from .selectors import city_list

PUBLISHER = "Smart City Thailand Office, depa: public register of certified smart cities"
CSV_COLUMNS = (
    "id", "name_th", "name_en", "name_known_only_in_english", "status", "status_label", "province_codes",
    "provinces_th",
    "provinces_en", "organisation_th", "organisation_en", "dimensions", "round", "certified_on",
    "certified_year_be", "valid_until", "certificate_number", "source", "url",
)


def city_path(pk) -> str:
    """The public page of a city (the register's own route)."""
    try:
        return reverse_register(CITY_ROUTE, args=[pk])
    except NoReverseMatch:
        return f"/register/{pk}/"


# The columns of a row, read as plain values: an export reads every row of the register
# (some 60,000 at the benchmark's 100,000 proposals), and building a dozen model objects
# a row (proposal, organisation, public record, provinces, plans, dimensions) took 30 s.
_FIELDS = (
    "pk", "name_th", "name_en", "status", "certified_on", "valid_until", "certificate_number",
    "organisation__name_th", "organisation__name_en",
    "public_record__pk", "public_record__english_name_only", "public_record__round", "public_record__source",
)


def _records(request, states=None) -> list[dict]:
    """Every row of the filtered register as plain data: three queries whatever the number of rows.

    ``states`` narrows it to one dataset of the open-data catalogue (register/datasets.py).
    """
    labels = {value: str(label) for value, label in State.choices}
    # The city's address, without a URL reversal per row.
    url = request.build_absolute_uri(city_path(PK_MARK)).replace(str(PK_MARK), "{pk}")
    rows = city_list(request.GET).select_related(None).prefetch_related(None).defer(None)
    if states:
        rows = rows.filter(status__in=states)
    chosen = rows.values("pk")
    provinces, dimensions = {}, {}
    for pk, code, name_th, name_en in (
        Proposal.provinces.through.objects.filter(proposal__in=chosen)
        .order_by("province__code")  # as the province's own ordering, which the pages use
        .values_list("proposal_id", "province__code", "province__name_th", "province__name_en")
    ):
        provinces.setdefault(pk, []).append({"code": code, "name_th": name_th, "name_en": name_en})
    for pk, code in (
        DimensionPlan.objects.filter(proposal__in=chosen).order_by("dimension__order")
        .values_list("proposal_id", "dimension__code")
    ):
        dimensions.setdefault(pk, []).append(code)
    return [_record(row, provinces, dimensions, labels, url) for row in rows.values(*_FIELDS)]


def _record(row, provinces, dimensions, labels, url) -> dict:
    pk, certified, recorded = row["pk"], row["certified_on"], row["public_record__pk"] is not None
    return {
        "id": pk,
        "name_th": row["name_th"],
        "name_en": row["name_en"],
        "name_known_only_in_english": bool(recorded and row["public_record__english_name_only"]),
        "status": row["status"],
        "status_label": labels.get(row["status"], row["status"]),
        "provinces": provinces.get(pk, []),
        "organisation": {"name_th": row["organisation__name_th"], "name_en": row["organisation__name_en"]},
        "dimensions": dimensions.get(pk, []),
        "round": row["public_record__round"] if recorded else None,
        "certified_on": certified.isoformat() if certified else None,
        "certified_year_be": be_year(certified.year) if certified else None,
        # The public record states no end date for the areas it lists: none is invented.
        "valid_until": row["valid_until"].isoformat() if row["valid_until"] and not recorded else None,
        "certificate_number": row["certificate_number"] or None,
        "source": row["public_record__source"] if recorded else None,
        "url": url.format(pk=pk),
    }


PK_MARK = 987654321


def _filename(ext):
    return f"smart-cities-{timezone.localdate().isoformat()}.{ext}"


def _cached(name, request, render):
    # The register's cache (cleared by any change): the rows carry absolute links, so the host is in the key.
    return cache.cached_fragment(f"{name}:{request.get_host()}", request, render)


@require_safe
def export_csv(request, states=None):
    response = HttpResponse(_cached("csv", request, lambda: _csv(request, states)),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def _csv(request, states=None) -> str:
    # UTF-8 with a byte-order mark, so that Excel opens the Thai names as Thai.
    response = io.StringIO()
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for r in _records(request, states):
        writer.writerow([
            r["id"], r["name_th"], r["name_en"], "yes" if r["name_known_only_in_english"] else "",
            r["status"], r["status_label"],
            " ".join(p["code"] for p in r["provinces"]),
            "; ".join(p["name_th"] for p in r["provinces"]),
            "; ".join(p["name_en"] for p in r["provinces"]),
            r["organisation"]["name_th"], r["organisation"]["name_en"], " ".join(r["dimensions"]),
            r["round"] or "", r["certified_on"] or "", r["certified_year_be"] or "",
            r["valid_until"] or "", r["certificate_number"] or "", r["source"] or "", r["url"],
        ])
    return response.getvalue()


def _json(body, filename, content_type="application/json"):
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)


@require_safe
def export_json(request, states=None):
    def render():
        records = _records(request, states)
        return _dumps({"generated": timezone.now().isoformat(timespec="seconds"), "publisher": PUBLISHER,
                       "count": len(records), "results": records})

    return _json(_cached("json", request, render), _filename("json"))


def geometry(record):
    """A Point at the province's centroid (a MultiPoint for an area over several provinces)."""
    shapes = thailand_map().provinces
    points = [[shapes[p["code"]].lon, shapes[p["code"]].lat] for p in record["provinces"] if p["code"] in shapes]
    if not points:
        return None
    if len(points) == 1:
        return {"type": "Point", "coordinates": points[0]}
    return {"type": "MultiPoint", "coordinates": points}


@require_safe
def export_geojson(request, states=None):
    def render():
        features = [
            {"type": "Feature", "id": r["id"], "geometry": geometry(r), "properties": r}
            for r in _records(request, states)
        ]
        return _dumps({"type": "FeatureCollection", "features": features})

    return _json(_cached("geojson", request, render), _filename("geojson"), content_type="application/geo+json")

