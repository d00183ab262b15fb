"""The register's map page and its charts: certified areas per province, region, dimension
and year, drawn on the map of Thailand (register/maps.py).

Apart from maps.py, which also runs without Django to rebuild the map file: here the models
and Django are imported at the top, as anywhere else.
"""

from django.db.models import Count
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from applications.models import DimensionPlan, Proposal
from dimensions.models import Dimension
from provinces.models import Province, Region

from . import cache
from .maps import BUCKETS, CERTIFIED_STATES, bucket, register_path, reverse_register, thailand_map


def _bars(rows):
    """Rows of (label, n, link or None) with their bar width in % of the largest."""
    top = max((n for _label, n, _link in rows), default=0) or 1
    return [{"label": label, "n": n, "link": link, "pct": round(100 * n / top, 1)} for label, n, link in rows]


def statistics():
    """Certified areas per province, region (both schemes), dimension and year; 7 queries."""
    through = Proposal.provinces.through
    certified = {"proposal__status__in": CERTIFIED_STATES}
    per_province = dict(
        through.objects.filter(**certified).values_list("province_id").annotate(n=Count("proposal_id", distinct=True))
    )
    links = through.objects.filter(**certified).values_list(
        "proposal_id", "province__region_four_id", "province__region_six_id"
    )
    in_region = {}
    for proposal_id, four, six in links:
        in_region.setdefault(four, set()).add(proposal_id)
        in_region.setdefault(six, set()).add(proposal_id)
    per_dimension = dict(
        DimensionPlan.objects.filter(**certified).values_list("dimension_id")
        .annotate(n=Count("proposal_id", distinct=True))
    )
    per_year = list(
        Proposal.objects.filter(status__in=CERTIFIED_STATES, certified_on__isnull=False)
        .values_list("certified_on__year").annotate(n=Count("pk")).order_by("certified_on__year")
    )
    total = Proposal.objects.filter(status__in=CERTIFIED_STATES).count()

    base = register_path()
    provinces = list(Province.objects.all())
    regions = list(Region.objects.all())
    dimensions = list(Dimension.objects.all())

    def region_rows(scheme):
        return _bars([
            (r.name, len(in_region.get(r.pk, ())), f"{base}?region_scheme={scheme}&region={r.code}")
            for r in regions if r.scheme == scheme
        ])

    return {
        "total": total,
        "provinces": [(p, per_province.get(p.pk, 0)) for p in provinces],
        "by_region_four": region_rows("four"),
        "by_region_six": region_rows("six"),
        "by_dimension": _bars([
            (d.name, per_dimension.get(d.pk, 0), f"{base}?dimension={d.code}") for d in dimensions
        ]),
        "by_year": _bars([(be_year_label(y), n, f"{base}?year={y + 543}") for y, n in per_year]),
    }


def be_year_label(year: int) -> str:
    return gettext("B.E. %(year)s") % {"year": year + 543}


def map_page(request):
    # The map and charts change only when a city does: cached under the register's version.
    def page():
        html = render_to_string("register/_map_body.html", _map_context(), request=None)
        return render(request, "register/map.html", {"body": mark_safe(html)})  # noqa: S308

    return cache.cached_page("map", request, page)


def _map_context():
    stats = statistics()
    shapes = thailand_map()
    base = register_path()
    provinces = []
    for province, n in stats["provinces"]:
        shape = shapes.provinces.get(province.code)
        if shape is None:
            continue
        label = ngettext(
            "%(province)s: %(n)s certified area", "%(province)s: %(n)s certified areas", n
        ) % {"province": province.name, "n": n}
        provinces.append({
            "code": province.code, "d": shape.d, "label": label, "n": n, "bucket": bucket(n),
            "href": f"{base}?province={province.code}",
        })
    legend = []
    for i, (low, high) in enumerate(BUCKETS):
        if high is None:
            text = f"{low}+"
        elif low == high:
            text = str(low)
        else:
            text = f"{low}–{high}"
        legend.append({"bucket": i, "text": text})
    return {
        "view_box": shapes.view_box, "provinces": provinces, "extras": shapes.extras,
        "legend": legend, "stats": stats, "register_url": base,
        "open_data": {name.replace("-", "_"): reverse_register(name) for name in
                      ("export-csv", "export-json", "export-geojson", "feed")},
    }
