"""Frozen versions of a proposal: what was handed in, section by section, and how two differ."""

import datetime
import difflib
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from smartcity.templatetags.thai import baht, localdate
from smartcity.thai import be_year

from .enums import AttachmentKind, CityType
from .models import DimensionPlan, Initiative, PlanIndicator, Proposal, ProposalVersion

# The sections follow the five criteria, in the order the proponent writes them.
SECTIONS = ("area", "infrastructure", "data_platform", "dimensions", "management", "attachments")


def _s(value):
    return "" if value is None else str(value)


def snapshot(proposal) -> dict:
    """Everything the proponent wrote, as plain JSON (amounts and dates as text)."""
    plans = proposal.plans.select_related("dimension").prefetch_related("initiatives", "indicators__indicator")
    return {
        "area": {
            "name_th": proposal.name_th,
            "name_en": proposal.name_en,
            "provinces": [p.code for p in proposal.provinces.order_by("code")],
            "boundary_description": proposal.boundary_description,
            "area_km2": _s(proposal.area_km2),
            "population": _s(proposal.population),
            "city_type": proposal.city_type,
            "vision": proposal.vision,
            "goals": proposal.goals,
        },
        "infrastructure": {
            "infrastructure_plan": proposal.infrastructure_plan,
            "investment_plan": proposal.investment_plan,
            "total_budget_thb": _s(proposal.total_budget_thb),
        },
        "data_platform": {"data_platform": proposal.data_platform},
        "dimensions": [
            {
                "dimension": plan.dimension.code,
                "summary": plan.summary,
                "initiatives": [
                    {"title": i.title, "description": i.description, "budget_thb": _s(i.budget_thb),
                     "start_date": _s(i.start_date), "end_date": _s(i.end_date)}
                    for i in plan.initiatives.all()
                ],
                "indicators": [
                    {"indicator": ind.indicator.code if ind.indicator else "", "name": ind.name, "unit": ind.unit,
                     "baseline": _s(ind.baseline), "target": _s(ind.target), "target_year": ind.target_year}
                    for ind in plan.indicators.all()
                ],
            }
            for plan in plans
        ],
        "management": {"management_model": proposal.management_model},
        "attachments": [
            {"kind": a.kind, "original_name": a.original_name, "sha256": a.sha256, "size": a.size}
            for a in proposal.attachments.order_by("uploaded_at", "id")
        ],
    }


def freeze(proposal, change) -> ProposalVersion:
    """Called by the workflow inside the submitting move's transaction."""
    last = proposal.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return ProposalVersion.objects.create(
        proposal=proposal, number=last + 1, snapshot=snapshot(proposal), status_change=change, created_at=change.at
    )


# --- Comparing two snapshots ------------------------------------------------------------------
#
# compare(old, new) lists the six sections in order; each says what changed,
# with an inline diff. Text is cut into tokens first: runs of Latin letters and
# digits are words, whitespace is its own token, and Thai, which writes no
# spaces between words, goes by character cluster (a consonant with the vowel
# and tone marks above or below it, so a diff never splits a mark from its
# letter). Scattered one-letter matches are then folded into the change, so
# the result reads as whole phrases replaced rather than confetti.

_THAI_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_TOKEN = re.compile(rf"\s+|[0-9A-Za-z]+|[^{_THAI_MARKS}\s][{_THAI_MARKS}]*|.", re.S)
_ISLAND = 2  # equal runs this short, between two changes, are folded into the change
_FINE_LIMIT = 3000  # tokens per side above which a changed block is shown whole
_SIMILAR = 0.4  # below this similarity a text is shown as replaced whole


@dataclass(frozen=True)
class Segment:
    op: str  # "equal", "delete" or "insert"
    text: str


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str
    segments: tuple
    status: str = "changed"  # "changed", "added" or "removed"


@dataclass(frozen=True)
class DimensionDiff:
    code: str
    name: str
    status: str  # "changed", "added" or "removed"
    changes: tuple


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    changes: tuple = ()
    dimensions: tuple = ()

    @property
    def changed(self) -> bool:
        return bool(self.changes or self.dimensions)


def tokens(text: str) -> list:
    return _TOKEN.findall(text)


def _whole(old, new):
    return tuple(s for s in (Segment("delete", old), Segment("insert", new)) if s.text)


def _fold(parts):
    """Fold short equal islands into the changes around them, then merge each run of changes."""
    for i in range(1, len(parts) - 1):
        op, toks = parts[i]
        if op == "equal" and len(toks) <= _ISLAND and parts[i - 1][0] != "equal" and parts[i + 1][0] != "equal":
            parts[i] = ("both", toks)
    out, deleted, inserted = [], [], []

    def flush():
        if deleted:
            out.append(Segment("delete", "".join(deleted)))
        if inserted:
            out.append(Segment("insert", "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for op, toks in parts:
        if op == "equal":
            flush()
            out.append(Segment("equal", "".join(toks)))
            continue
        if op in ("delete", "both"):
            deleted.extend(toks)
        if op in ("insert", "both"):
            inserted.extend(toks)
    flush()
    return out


def _token_diff(old: str, new: str) -> list:
    a, b = tokens(old), tokens(new)
    # A common head and tail cost nothing to find and keep the matcher's work small.
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    mid_a, mid_b = a[head:len(a) - tail], b[head:len(b) - tail]
    parts = [("equal", a[:head])] if head else []
    if len(mid_a) > _FINE_LIMIT or len(mid_b) > _FINE_LIMIT:
        parts += [("delete", mid_a), ("insert", mid_b)]
    else:
        matcher = difflib.SequenceMatcher(None, mid_a, mid_b, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                parts.append(("equal", mid_a[i1:i2]))
            else:
                if i2 > i1:
                    parts.append(("delete", mid_a[i1:i2]))
                if j2 > j1:
                    parts.append(("insert", mid_b[j1:j2]))
    if tail:
        parts.append(("equal", a[len(a) - tail:]))
    return _fold([p for p in parts if p[1]])


def diff_text(old: str, new: str) -> tuple:
    """Inline diff of two texts: line by line first, then word or Thai character cluster."""
    old, new = old or "", new or ""
    if not old or not new:
        return _whole(old, new)
    if difflib.SequenceMatcher(None, old, new, autojunk=False).quick_ratio() < _SIMILAR:
        return _whole(old, new)
    lines_a, lines_b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    segments = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, lines_a, lines_b, autojunk=False).get_opcodes():
        block_a, block_b = "".join(lines_a[i1:i2]), "".join(lines_b[j1:j2])
        if op == "equal":
            segments.append(Segment("equal", block_a))
        elif op == "replace":
            segments.extend(_token_diff(block_a, block_b))
        else:
            segments.extend(_whole(block_a, block_b))
    # Neighbouring segments of the same kind read as one.
    merged = []
    for seg in segments:
        if merged and merged[-1].op == seg.op:
            merged[-1] = Segment(seg.op, merged[-1].text + seg.text)
        else:
            merged.append(seg)
    changed = sum(len(s.text) for s in merged if s.op != "equal")
    if changed and sum(len(s.text) for s in merged if s.op == "equal") < changed * _SIMILAR:
        return _whole(old, new)  # hardly anything kept: a rewrite reads better whole
    return tuple(merged)


def _change(label, old, new, *, text=False):
    old, new = old or "", new or ""
    if old == new:
        return None
    status = "added" if not old else "removed" if not new else "changed"
    segments = diff_text(old, new) if text else _whole(old, new)
    return Change(label=label, old=old, new=new, segments=segments, status=status)


# --- How values read -------------------------------------------------------------------------


def _label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


def _plain(value, names=None):
    return "" if value is None else str(value)


def _number(value, names=None):
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(str(value)).normalize()
    except InvalidOperation:
        return str(value)
    return f"{amount:,.0f}" if amount == amount.to_integral() else f"{amount:,f}"


def _money(value, names=None):
    return "" if value in (None, "") else _("%(amount)s baht") % {"amount": baht(value)}


def _date(value, names=None):
    try:
        return localdate(datetime.date.fromisoformat(value)) if value else ""
    except (TypeError, ValueError):
        return str(value)


def _year(value, names=None):
    """A year as Thai readers write it (B.E.) on Thai pages; A.D. otherwise."""
    try:
        year = int(value)
    except (TypeError, ValueError):
        return _plain(value)
    return str(be_year(year) if (get_language() or "th")[:2] == "th" else year)


def _city_type(value, names=None):
    return str(CityType(value).label) if value in CityType.values else _plain(value)


def _provinces(codes, names):
    return ", ".join(names.province(code) for code in codes or [])


class _Names:
    """Province and dimension names for the codes in the snapshots (one query each, on first use)."""

    def __init__(self):
        self._provinces = self._dimensions = None

    def province(self, code):
        if self._provinces is None:
            from provinces.models import Province

            self._provinces = {p.code: p.name for p in Province.objects.all()}
        return self._provinces.get(code, code)

    def dimension(self, code):
        """(order, name) of a dimension code."""
        if self._dimensions is None:
            from dimensions.models import Dimension

            self._dimensions = {d.code: (d.order, d.name) for d in Dimension.objects.all()}
        return self._dimensions.get(code, (99, code))


# (field, how it reads, whether it is running text that gets an inline diff)
SECTION_FIELDS = {
    "area": (
        ("name_th", _plain, False), ("name_en", _plain, False), ("provinces", _provinces, False),
        ("boundary_description", _plain, True), ("area_km2", _number, False), ("population", _number, False),
        ("city_type", _city_type, False), ("vision", _plain, True), ("goals", _plain, True),
    ),
    "infrastructure": (
        ("infrastructure_plan", _plain, True), ("investment_plan", _plain, True),
        ("total_budget_thb", _money, False),
    ),
    "data_platform": (("data_platform", _plain, True),),
    "management": (("management_model", _plain, True),),
}
INITIATIVE_FIELDS = (
    ("title", _plain, False), ("description", _plain, True), ("budget_thb", _money, False),
    ("start_date", _date, False), ("end_date", _date, False),
)
INDICATOR_FIELDS = (
    ("name", _plain, False), ("unit", _plain, False), ("baseline", _number, False),
    ("target", _number, False), ("target_year", _year, False),
)
SECTION_TITLES = {
    "area": gettext_lazy("Criterion 1: target area, vision and goals"),
    "infrastructure": gettext_lazy("Criterion 2: infrastructure and investment"),
    "data_platform": gettext_lazy("Criterion 3: city data platform"),
    "dimensions": gettext_lazy("Criterion 4: smart services in the seven dimensions"),
    "management": gettext_lazy("Criterion 5: management model"),
    "attachments": gettext_lazy("Annexes"),
}


def initiative_text(item):
    head = " · ".join(p for p in (
        item.get("title", ""), _money(item.get("budget_thb")),
        " – ".join(d for d in (_date(item.get("start_date")), _date(item.get("end_date"))) if d),
    ) if p)
    return "\n".join(p for p in (head, item.get("description", "")) if p)


def indicator_text(item):
    return _("%(name)s: from %(baseline)s to %(target)s %(unit)s by %(year)s") % {
        "name": item.get("name", ""), "baseline": _number(item.get("baseline")),
        "target": _number(item.get("target")), "unit": item.get("unit", ""), "year": _year(item.get("target_year")),
    }


def attachment_text(item):
    kind = item.get("kind", "")
    kind = str(AttachmentKind(kind).label) if kind in AttachmentKind.values else kind
    return f"{kind} · {filesizeformat(item.get('size') or 0)}"


# --- compare() ---------------------------------------------------------------------------------


def _matched(old_items, new_items, key):
    """Pair items by ``key``; an unpaired one was added (old None) or removed (new None)."""
    old_by = {key(i): i for i in old_items}
    new_by = {key(i): i for i in new_items}
    return [(old_by.get(k), i) for k, i in new_by.items()] + [(i, None) for k, i in old_by.items() if k not in new_by]


def _items(old_items, new_items, *, key, text, model, fields, title):
    changes = []
    for old, new in _matched(old_items, new_items, key):
        if old is None or new is None:
            changes.append(_change(title(new or old), text(old) if old else "", text(new) if new else ""))
            continue
        for field, shown, is_text in fields:
            label = _("%(item)s: %(field)s") % {"item": title(new), "field": _label(model, field)}
            changes.append(_change(label, shown(old.get(field)), shown(new.get(field)), text=is_text))
    return changes


def _initiative_title(item):
    return _("Initiative “%(title)s”") % {"title": item.get("title", "")}


def _indicator_title(item):
    return _("Indicator “%(name)s”") % {"name": item.get("name", "")}


def _plan_changes(old, new):
    old, new = old or {}, new or {}
    changes = [_change(_label(DimensionPlan, "summary"), old.get("summary"), new.get("summary"), text=True)]
    changes += _items(old.get("initiatives", []), new.get("initiatives", []), key=lambda i: i.get("title", ""),
                      text=initiative_text, model=Initiative, fields=INITIATIVE_FIELDS, title=_initiative_title)
    changes += _items(old.get("indicators", []), new.get("indicators", []),
                      key=lambda i: i.get("indicator") or i.get("name", ""), text=indicator_text,
                      model=PlanIndicator, fields=INDICATOR_FIELDS, title=_indicator_title)
    return tuple(c for c in changes if c is not None)


def _dimensions(old_plans, new_plans, names):
    """Plans are matched by dimension code: a dimension is added, removed, or changed."""
    old_by = {p.get("dimension"): p for p in old_plans}
    new_by = {p.get("dimension"): p for p in new_plans}
    result = []
    for code in sorted(set(old_by) | set(new_by), key=names.dimension):
        status = "added" if code not in old_by else "removed" if code not in new_by else "changed"
        changes = _plan_changes(old_by.get(code), new_by.get(code))
        if changes or status != "changed":
            result.append(DimensionDiff(code=code, name=names.dimension(code)[1], status=status, changes=changes))
    return tuple(result)


def _attachments(old_items, new_items):
    """Files are matched by content (sha256): a renamed file is the same file."""
    changes = []
    for old, new in _matched(old_items, new_items, key=lambda a: a.get("sha256")):
        name = (new or old).get("original_name", "")
        if old is not None and new is not None:
            changes.append(_change(name, f"{old.get('original_name', '')} · {attachment_text(old)}",
                                   f"{new.get('original_name', '')} · {attachment_text(new)}"))
        else:
            changes.append(_change(name, attachment_text(old) if old else "", attachment_text(new) if new else ""))
    return tuple(c for c in changes if c is not None)


def compare(old_snapshot: dict, new_snapshot: dict) -> list:
    """The six sections, in order, each with what changed from ``old_snapshot`` to ``new_snapshot``."""
    names = _Names()
    sections = []
    for key in SECTIONS:
        title = SECTION_TITLES[key]
        if key == "dimensions":
            dims = _dimensions(old_snapshot.get(key, []), new_snapshot.get(key, []), names)
            sections.append(Section(key=key, title=title, dimensions=dims))
        elif key == "attachments":
            changes = _attachments(old_snapshot.get(key, []), new_snapshot.get(key, []))
            sections.append(Section(key=key, title=title, changes=changes))
        else:
            old, new = old_snapshot.get(key, {}), new_snapshot.get(key, {})
            changes = [
                _change(_label(Proposal, field), shown(old.get(field), names), shown(new.get(field), names),
                        text=is_text)
                for field, shown, is_text in SECTION_FIELDS[key]
            ]
            sections.append(Section(key=key, title=title, changes=tuple(c for c in changes if c is not None)))
    return sections


# --- describe(): one version, read-only -----------------------------------------------------------


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    text: bool = False


@dataclass(frozen=True)
class PlanView:
    code: str
    name: str
    summary: str
    initiatives: tuple
    indicators: tuple


@dataclass(frozen=True)
class SectionView:
    key: str
    title: str
    rows: tuple = ()
    plans: tuple = ()


def describe(snapshot: dict) -> list:
    """The six sections of one snapshot as labelled values, for reading."""
    names = _Names()
    sections = []
    for key in SECTIONS:
        title = SECTION_TITLES[key]
        if key == "dimensions":
            plans = tuple(
                PlanView(code=p.get("dimension", ""), name=names.dimension(p.get("dimension"))[1],
                         summary=p.get("summary", ""),
                         initiatives=tuple(initiative_text(i) for i in p.get("initiatives", [])),
                         indicators=tuple(indicator_text(i) for i in p.get("indicators", [])))
                for p in sorted(snapshot.get(key, []), key=lambda p: names.dimension(p.get("dimension")))
            )
            sections.append(SectionView(key=key, title=title, plans=plans))
        elif key == "attachments":
            rows = tuple(Row(a.get("original_name", ""), attachment_text(a)) for a in snapshot.get(key, []))
            sections.append(SectionView(key=key, title=title, rows=rows))
        else:
            data = snapshot.get(key, {})
            rows = tuple(Row(_label(Proposal, field), shown(data.get(field), names), is_text)
                         for field, shown, is_text in SECTION_FIELDS[key])
            sections.append(SectionView(key=key, title=title, rows=rows))
    return sections
