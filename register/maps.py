"""The map of Thailand: 77 provinces from real boundary data, keyed by DOPA code.

The boundaries come from the npm package ``@svg-maps/thailand`` 2.0.0 (CC BY 4.0,
based on MapSVG's map of Thailand); see static/register/README.md. The committed
file ``static/register/thailand-provinces.svg`` is that map with each path given
the province's DOPA code (``data-code``) instead of the package's three-letter
id, and the centroid of its largest shape (``data-cx``/``data-cy`` in map units,
``data-lon``/``data-lat`` in degrees). Rebuild it with::

    npm pack @svg-maps/thailand && tar xzf svg-maps-thailand-2.0.0.tgz
    python -m register.maps package/thailand.svg static/register/thailand-provinces.svg

Longitude and latitude are georeferenced from the map's own extent (Thailand's
extreme points, Mercator on both axes): good to a few kilometres, enough for a
point per province in the GeoJSON export, not for surveying.
"""

from __future__ import annotations

import math
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SVG_NS = "http://www.w3.org/2000/svg"
MAP_FILE = Path(__file__).resolve().parent.parent / "static" / "register" / "thailand-provinces.svg"

# Thailand's extreme points (degrees): the map's outer box is fitted to them.
WEST, EAST, SOUTH, NORTH = 97.345, 105.637, 5.613, 20.465


@dataclass(frozen=True)
class ProvinceShape:
    code: str
    name_en: str
    d: str
    cx: float
    cy: float
    lon: float
    lat: float


@dataclass(frozen=True)
class ThailandMap:
    view_box: str
    provinces: dict  # DOPA code -> ProvinceShape
    extras: tuple  # (label, d) drawn but not linked (Songkhla Lake)


def _subpaths(d: str) -> list[list[tuple[float, float]]]:
    """Absolute points of a path made of relative ``m`` moves, implicit lines and ``z``."""
    tokens = re.findall(r"[mzMZ]|-?\d*\.?\d+(?:e-?\d+)?", d)
    rings, ring = [], []
    x = y = 0.0
    start = (0.0, 0.0)
    i = 0
    first_pair = False
    while i < len(tokens):
        t = tokens[i]
        if t in "mM":
            if ring:
                rings.append(ring)
            ring, first_pair = [], True
            i += 1
            continue
        if t in "zZ":
            if ring:
                rings.append(ring)
            ring = []
            x, y = start
            i += 1
            continue
        dx, dy = float(tokens[i]), float(tokens[i + 1])
        i += 2
        x, y = x + dx, y + dy
        if first_pair:
            start, first_pair = (x, y), False
        ring.append((x, y))
    if ring:
        rings.append(ring)
    return rings


def _area_centroid(ring):
    a = cx = cy = 0.0
    n = len(ring)
    for k in range(n):
        x0, y0 = ring[k]
        x1, y1 = ring[(k + 1) % n]
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    a /= 2
    if abs(a) < 1e-9:
        return 0.0, ring[0][0], ring[0][1]
    return abs(a), cx / (6 * a), cy / (6 * a)


def _merc(lat):
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _georeference(bbox):
    """Map units -> (lon, lat), fitted to Thailand's extreme points."""
    x0, y0, x1, y1 = bbox
    m_n, m_s = _merc(NORTH), _merc(SOUTH)

    def to_lonlat(x, y):
        lon = WEST + (x - x0) / (x1 - x0) * (EAST - WEST)
        m = m_n - (y - y0) / (y1 - y0) * (m_n - m_s)
        lat = math.degrees(2 * math.atan(math.exp(m)) - math.pi / 2)
        return round(lon, 4), round(lat, 4)

    return to_lonlat


def build(source: Path, target: Path) -> int:
    """Write the DOPA-keyed map from the package's SVG; return the number of provinces."""
    import geothai

    by_name = {_norm(p.name_en): p.code for p in geothai.provinces()}
    by_name.update({_norm(k): v for k, v in ALIASES.items()})
    tree = ET.parse(source)
    root = tree.getroot()
    paths = []
    for el in root.iter(f"{{{SVG_NS}}}path"):
        paths.append((el.get("id"), el.get("aria-label"), el.get("d")))
    xs, ys = [], []
    shapes = []
    for pid, label, d in paths:
        rings = _subpaths(d)
        for ring in rings:
            xs.extend(p[0] for p in ring)
            ys.extend(p[1] for p in ring)
        best = max((_area_centroid(r) for r in rings), key=lambda t: t[0])
        shapes.append((pid, label, d, best[1], best[2]))
    to_lonlat = _georeference((min(xs), min(ys), max(xs), max(ys)))
    out = ET.Element("svg", {"xmlns": SVG_NS, "viewBox": root.get("viewBox")})
    count = 0
    for pid, label, d, cx, cy in shapes:
        code = by_name.get(_norm(label))
        attrs = {"d": d, "data-name": label}
        if code:
            lon, lat = to_lonlat(cx, cy)
            attrs.update({"data-code": code, "data-cx": f"{cx:.1f}", "data-cy": f"{cy:.1f}",
                          "data-lon": str(lon), "data-lat": str(lat)})
            count += 1
        else:
            attrs["data-feature"] = pid
        ET.SubElement(out, "path", attrs)
    ET.indent(out)
    target.write_text(ET.tostring(out, encoding="unicode") + "\n", encoding="utf-8")
    return count


# The package's English spellings that differ from geothai's.
ALIASES = {}


def _norm(name: str) -> str:
    return re.sub(r"[^a-z]", "", (name or "").lower())


@lru_cache(maxsize=1)
def thailand_map() -> ThailandMap:
    root = ET.parse(MAP_FILE).getroot()
    provinces, extras = {}, []
    for el in root.iter(f"{{{SVG_NS}}}path"):
        code = el.get("data-code")
        if code:
            provinces[code] = ProvinceShape(
                code=code, name_en=el.get("data-name"), d=el.get("d"),
                cx=float(el.get("data-cx")), cy=float(el.get("data-cy")),
                lon=float(el.get("data-lon")), lat=float(el.get("data-lat")),
            )
        else:
            extras.append((el.get("data-name"), el.get("d")))
    return ThailandMap(view_box=root.get("viewBox"), provinces=provinces, extras=tuple(extras))


if __name__ == "__main__":  # pragma: no cover - a build step
    n = build(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{n} provinces written to {sys.argv[2]}")


# --- The map and charts page ------------------------------------------------------------

# Areas that hold a certificate now (a renewal due is still certified).
CERTIFIED_STATES = ("certified", "renewal")
# Fill classes by number of certified areas in a province: 0, 1, 2, 3-4, 5 or more.
BUCKETS = ((0, 0), (1, 1), (2, 2), (3, 4), (5, None))


def bucket(n: int) -> int:
    for i, (low, high) in enumerate(BUCKETS):
        if n >= low and (high is None or n <= high):
            return i
    return 0


def reverse_register(name, args=None):
    """A register route, whether or not the register's urls carry the ``register`` namespace."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(f"register:{name}", args=args)
    except NoReverseMatch:
        return reverse(name, args=args)


# The register's own routes (its list and city pages belong to the register views).
REGISTER_LIST_ROUTE = "city-list"
CITY_ROUTE = "city-detail"


def register_path() -> str:
    from django.urls import NoReverseMatch

    try:
        return reverse_register(REGISTER_LIST_ROUTE)
    except NoReverseMatch:
        return "/register/"
