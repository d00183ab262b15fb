"""Frozen versions of a proposal: what was handed in, section by section, and how two differ."""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from core.thai import baht, be_year, local_date
from dimensions.models import Dimension
from provinces.models import Province

from .enums import AttachmentKind, CityType
from .models import DimensionPlan, Initiative, PlanIndicator, Proposal, ProposalVersion
from .textdiff import diff_text, whole

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
# with an inline diff of the texts (applications.textdiff).

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


def _change(label, old, new, *, text=False):
    old, new = old or "", new or ""
    if old == new:
        return None
    status = "added" if not old else "removed" if not new else "changed"
    segments = diff_text(old, new) if text else whole(old, new)
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
        return local_date(datetime.date.fromisoformat(value)) if value else ""
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
            self._provinces = {p.code: p.name for p in Province.objects.all()}
        return self._provinces.get(code, code)

    def dimension(self, code):
        """(order, name) of a dimension code."""
        if self._dimensions is None:
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
