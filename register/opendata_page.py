"""``/opendata/``: the open data explained to people, in Thai first (English with the switch).

Each dataset of the catalogue with its metadata (the DGA catalogue's fields among them), its
files, and the data dictionary of every file: each column of each CSV and each key of each
JSON, with its type and meaning (register/dictionary.py).
"""

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from core.thai import local_date, local_year

from . import cache
from .catalog import PAGE
from .datasets import (
    DATASETS,
    DGA_LABELS,
    FREQUENCY_LABELS,
    PUBLISHER_EN,
    PUBLISHER_TH,
    dga_metadata,
    freshness,
    licence,
)
from .dictionary import KINDS, fields_of


def _files(dataset):
    return [
        {
            "format": fmt,
            "path": dataset.path(fmt),
            "anchor": f"{dataset.slug}-{fmt.code}-fields",
            "paged": dataset.paged_json and fmt.code == "json",
            "fields": [
                {"name": f.name, "kind": KINDS[f.kind], "description": f.description}
                for f in fields_of(dataset.slug, fmt.code)
            ],
        }
        for fmt in dataset.formats
    ]


def _when(value) -> str:
    """A date or a year as the reader counts it (B.E. on Thai pages)."""
    return str(local_year(value)) if isinstance(value, int) else local_date(value)


def _datasets(request):
    fresh = freshness()
    base = request.build_absolute_uri(PAGE)
    rows = []
    for dataset in DATASETS:
        dga = dga_metadata(dataset, landing_page=f"{base}#{dataset.slug}", fresh=fresh[dataset.slug])
        rows.append({
            "dataset": dataset,
            "modified": fresh[dataset.slug].modified,
            "covers": (
                f"{_when(fresh[dataset.slug].start)} – {_when(fresh[dataset.slug].end)}"
                if fresh[dataset.slug].start else None
            ),
            "frequency": FREQUENCY_LABELS[dataset.frequency],
            "files": _files(dataset),
            "dga": [
                {"name": name, "label": DGA_LABELS[name],
                 "values": value if isinstance(value, tuple) else (value,)}
                for name, value in dga.items()
            ],
        })
    return rows


@require_safe
def index(request):
    return cache.cached_page("opendata", request, lambda: _index(request))


def _index(request):
    body = render_to_string(
        "register/_opendata_body.html",
        {
            "datasets": _datasets(request),
            "licence": licence(),
            "publisher_th": PUBLISHER_TH,
            "publisher_en": PUBLISHER_EN,
            "dga_terms": list(DGA_LABELS.items()),
        },
        request=None,
    )
    return render(request, "register/opendata_index.html", {"body": mark_safe(body)})  # noqa: S308
