"""Frozen versions of a proposal: what was handed in, section by section."""

from .models import ProposalVersion

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
