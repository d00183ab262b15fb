"""Open data: the register as CSV, JSON and GeoJSON, under the same filters as its pages.

Every export reads the rows through ``selectors.city_list`` with the request's query
string (``CityFilter``), so ``/register/export.csv?province=50`` is what
``/register/?province=50`` shows. The queries are the same whatever the number of rows.
"""

import csv
import io
import json

from django.http import HttpResponse
from django.urls import NoReverseMatch
from django.utils import timezone
from django.views.decorators.http import require_GET

from applications.enums import State
from smartcity.thai import be_year

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


class _Rows:
    """What every row of one export shares, worked out once (tens of thousands of rows)."""

    def __init__(self, request):
        # The state's label and the city's address, without a choices lookup and a URL
        # reversal per row (most of an unfiltered export's time at 100,000 proposals).
        self.labels = {value: str(label) for value, label in State.choices}
        self.url = request.build_absolute_uri(city_path(PK_MARK)).replace(str(PK_MARK), "{pk}")


PK_MARK = 987654321


def city_record(proposal, request, rows=None) -> dict:
    """One city as plain data; reads only what ``city_list`` prefetched."""
    rows = rows or _Rows(request)
    provinces = list(proposal.provinces.all())
    dims = [plan.dimension.code for plan in proposal.plans.all()]
    record = getattr(proposal, "public_record", None)
    org = proposal.organisation
    certified = proposal.certified_on
    return {
        "id": proposal.pk,
        "name_th": proposal.name_th,
        "name_en": proposal.name_en,
        "name_known_only_in_english": bool(record and record.english_name_only),
        "status": proposal.status,
        "status_label": rows.labels.get(proposal.status, proposal.status),
        "provinces": [{"code": p.code, "name_th": p.name_th, "name_en": p.name_en} for p in provinces],
        "organisation": {"name_th": org.name_th, "name_en": org.name_en},
        "dimensions": dims,
        "round": record.round if record else None,
        "certified_on": certified.isoformat() if certified else None,
        "certified_year_be": be_year(certified.year) if certified else None,
        # The public record states no end date for the areas it lists: none is invented.
        "valid_until": proposal.valid_until.isoformat() if proposal.valid_until and not record else None,
        "certificate_number": proposal.certificate_number or None,
        "source": record.source if record else None,
        "url": rows.url.format(pk=proposal.pk),
    }


def _records(request):
    rows = _Rows(request)
    return [city_record(p, request, rows) for p in city_list(request.GET)]


def _filename(ext):
    return f"smart-cities-{timezone.localdate().isoformat()}.{ext}"


def _cached(name, request, render):
    # The register's cache (cleared by any change): the rows carry absolute links, so the host is in the key.
    return cache.cached_fragment(f"{name}:{request.get_host()}", request, render)


@require_GET
def export_csv(request):
    response = HttpResponse(_cached("csv", request, lambda: _csv(request)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def _csv(request) -> str:
    # UTF-8 with a byte-order mark, so that Excel opens the Thai names as Thai.
    response = io.StringIO()
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for r in _records(request):
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


@require_GET
def export_json(request):
    def render():
        records = _records(request)
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


@require_GET
def export_geojson(request):
    def render():
        features = [
            {"type": "Feature", "id": r["id"], "geometry": geometry(r), "properties": r}
            for r in _records(request)
        ]
        return _dumps({"type": "FeatureCollection", "features": features})

    return _json(_cached("geojson", request, render), _filename("geojson"), content_type="application/geo+json")

