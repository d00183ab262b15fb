"""Open data: the meetings' decisions on the register's areas, as CSV and JSON.

No more than an area's public page shows (templates/register/_city_body.html): the steps of its
public history that a meeting decided, with the body, the meeting's number (N/B.E. year), its
date and the resolution's kind. Nothing else of a meeting leaves the portal here: no agenda,
attendance, votes, conflicts, minutes or the resolution's text. As on the page, the areas
loaded from the public record show the decisions, not the steps before them.

The register's filters (CityFilter) apply, as on /register/. Two queries whatever the number
of rows.
"""

import io

from defusedcsv import csv  # a cell starting =, +, -, @ is written '= ...: no formula runs in Excel
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from applications.enums import State
from applications.models import StatusChange
from core.thai import meeting_number
from reviews.enums import BodyKind, ResolutionKind
from reviews.models import Resolution

from .opendata import PK_MARK, PUBLISHER, _cached, _dumps, _json, city_path
from .selectors import PUBLIC_HISTORY_STATES, city_list
from .views import EARLIER

COLUMNS = (
    "city_id", "city_name_th", "city_name_en", "step", "step_label", "step_date", "body", "body_th", "body_en",
    "meeting_number", "meeting_year_be", "meeting_label", "meeting_date", "resolution", "resolution_label",
    "city_url",
)


def public_steps(filters=None):
    """The public steps of the register's areas (filtered as the register) that a resolution decided."""
    areas = city_list(filters).select_related(None).prefetch_related(None).defer(None).values("pk")
    return StatusChange.objects.filter(
        proposal__in=areas,
        to_state__in=PUBLIC_HISTORY_STATES,
        resolution_id__isnull=False,
        resolution_type__app_label="reviews",
        resolution_type__model="resolution",
    ).exclude(Q(to_state__in=EARLIER) & Q(proposal__public_record__isnull=False))


def _day(value):
    return timezone.localtime(value).date().isoformat() if value else None


def records(request) -> list[dict]:
    url = request.build_absolute_uri(city_path(PK_MARK)).replace(str(PK_MARK), "{pk}")
    steps = public_steps(request.GET).order_by("at", "pk")
    decided = {
        r["pk"]: r
        for r in Resolution.objects.filter(pk__in=steps.values("resolution_id")).values(
            "pk", "kind", "meeting__number", "meeting__year_be", "meeting__held_at", "meeting__body__kind",
            "meeting__body__name_th", "meeting__body__name_en",
        )
    }
    states, kinds, bodies = dict(State.choices), dict(ResolutionKind.choices), dict(BodyKind.choices)
    rows = []
    for step in steps.values("proposal_id", "proposal__name_th", "proposal__name_en", "to_state", "at",
                             "resolution_id"):
        r = decided.get(step["resolution_id"])
        if r is None:  # a link to another kind of decision: not a meeting's resolution
            continue
        rows.append({
            "city_id": step["proposal_id"],
            "city_name_th": step["proposal__name_th"],
            "city_name_en": step["proposal__name_en"],
            "step": step["to_state"],
            "step_label": str(states.get(step["to_state"], step["to_state"])),
            "step_date": _day(step["at"]),
            "body": r["meeting__body__kind"],
            "body_th": r["meeting__body__name_th"],
            "body_en": r["meeting__body__name_en"] or str(bodies.get(r["meeting__body__kind"], "")),
            "meeting_number": r["meeting__number"],
            "meeting_year_be": r["meeting__year_be"],
            "meeting_label": meeting_number(r["meeting__number"], r["meeting__year_be"]),
            "meeting_date": _day(r["meeting__held_at"]),
            "resolution": r["kind"],
            "resolution_label": str(kinds.get(r["kind"], r["kind"])),
            "city_url": url.format(pk=step["proposal_id"]),
        })
    return rows


def _filename(ext):
    return f"smart-city-resolutions-{timezone.localdate().isoformat()}.{ext}"


def _csv(request) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # so that Excel opens the Thai names as Thai
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for r in records(request):
        writer.writerow(["" if r[c] is None else r[c] for c in COLUMNS])
    return out.getvalue()


@require_safe
def export_csv(request):
    response = HttpResponse(_cached("resolutions-csv", request, lambda: _csv(request)),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


@require_safe
def export_json(request):
    def render():
        rows = records(request)
        return _dumps({"generated": timezone.now().isoformat(timespec="seconds"), "publisher": PUBLISHER,
                       "count": len(rows), "results": rows})

    return _json(_cached("resolutions-json", request, render), _filename("json"))
