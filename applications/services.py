"""Every write of a proposal's content (its state belongs to workflow.transition)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.permissions import is_member_of
from dimensions.models import Dimension, Indicator
from provinces.models import Province

from .amendments.facts import refuse_direct_change
from .models import DimensionPlan, Initiative, PlanIndicator, Proposal
from .permissions import can_edit_proposal
from .workflow import TransitionError, record_creation

# The fields of the five criteria a proponent writes directly.
PROPOSAL_FIELDS = (
    "name_th", "name_en", "boundary_description", "area_km2", "population", "city_type", "vision", "goals",
    "infrastructure_plan", "investment_plan", "total_budget_thb", "data_platform", "management_model",
)
INITIATIVE_FIELDS = ("title", "description", "budget_thb", "start_date", "end_date")
INDICATOR_FIELDS = ("name", "unit", "baseline", "target", "target_year")


def _prefixed(error: ValidationError, prefix: str) -> ValidationError:
    """Name nested fields by their path, e.g. ``plans[0].initiatives[1].budget_thb``."""
    if hasattr(error, "error_dict"):
        return ValidationError({f"{prefix}.{k}": v for k, v in error.error_dict.items()})
    return ValidationError({prefix: error.messages})


def _clean(obj, prefix=None, exclude=()):
    try:
        obj.full_clean(exclude=list(exclude), validate_unique=False)
    except ValidationError as exc:
        raise (_prefixed(exc, prefix) if prefix else exc) from None


def _provinces(codes):
    codes = [str(c).strip() for c in codes]
    found = {p.code: p for p in Province.objects.filter(code__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise ValidationError(
            {"provinces": _("Unknown province code: %(codes)s.") % {"codes": ", ".join(unknown)}}
        )
    return [found[c] for c in codes]


def _write_plans(proposal, plans):
    codes = [str(p.get("dimension", "")).upper() for p in plans]
    dims = {d.code: d for d in Dimension.objects.filter(code__in=codes)}
    seen = set()
    for i, code in enumerate(codes):
        if code not in dims:
            raise ValidationError({f"plans[{i}].dimension": _("Unknown dimension “%(code)s”.") % {"code": code}})
        if code in seen:
            raise ValidationError({f"plans[{i}].dimension": _("%(code)s is listed twice.") % {"code": code}})
        seen.add(code)
    # The plans are replaced as a whole: what the form shows is what is stored.
    proposal.plans.all().delete()
    indicators = {(i.dimension_id, i.code): i for i in Indicator.objects.filter(dimension__code__in=codes)}
    for i, (code, data) in enumerate(zip(codes, plans, strict=True)):
        plan = DimensionPlan(proposal=proposal, dimension=dims[code], summary=data.get("summary", ""))
        _clean(plan, f"plans[{i}]", exclude=("proposal",))
        plan.save()
        for j, item in enumerate(data.get("initiatives", [])):
            initiative = Initiative(plan=plan, **{k: item.get(k) for k in INITIATIVE_FIELDS if k in item})
            initiative.description = initiative.description or ""
            _clean(initiative, f"plans[{i}].initiatives[{j}]")
            initiative.save()
        for j, item in enumerate(data.get("indicators", [])):
            standard = None
            if item.get("indicator"):
                standard = indicators.get((plan.dimension_id, item["indicator"]))
                if standard is None:
                    raise ValidationError(
                        {f"plans[{i}].indicators[{j}].indicator": _("Unknown indicator “%(code)s” for %(dim)s.")
                         % {"code": item["indicator"], "dim": code}}
                    )
            row = PlanIndicator(
                plan=plan, indicator=standard, **{k: item.get(k) for k in INDICATOR_FIELDS if k in item}
            )
            if standard and not row.name:
                row.name, row.unit = standard.name, row.unit or standard.unit
            _clean(row, f"plans[{i}].indicators[{j}]")
            row.save()


@transaction.atomic
def proposal_create(*, by, organisation, data: dict) -> Proposal:
    """A new draft for ``organisation``; all of it is saved, or none of it."""
    if not is_member_of(by, organisation.pk):
        raise TransitionError(_("You may only write proposals for your own organisation."), code="forbidden")
    proposal = Proposal(organisation=organisation, created_by=by)
    return _write(proposal, by=by, data=data, new=True)


@transaction.atomic
def proposal_update(*, proposal, by, data: dict) -> Proposal:
    # Lock, so an autosave racing a submit sees the state the submit left.
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not can_edit_proposal(by, locked):
        raise TransitionError(
            _("This proposal cannot be changed while it is “%(state)s”.") % {"state": locked.get_status_display()},
            code="not_allowed",
        )
    # Once public, names, provinces and area change only by an accepted amendment.
    refuse_direct_change(locked, data)
    return _write(locked, by=by, data=data, new=False)


def _write(proposal, *, by, data, new):
    for name in PROPOSAL_FIELDS:
        if name in data:
            value = data[name]
            setattr(proposal, name, "" if value is None and name not in (
                "area_km2", "population", "total_budget_thb") else value)
    _clean(proposal, exclude=("organisation", "created_by"))
    provinces = _provinces(data["provinces"]) if "provinces" in data else None
    proposal.save()
    if new:
        record_creation(proposal, by=by)
    if provinces is not None:
        proposal.provinces.set(provinces)
    if "plans" in data:
        _write_plans(proposal, data["plans"])
    return proposal
