"""Reads of the public register: public proposals only, everything a row shows prefetched."""

from django.db.models import Prefetch
from django.http import Http404

from applications.enums import PUBLIC_STATES
from applications.models import DimensionPlan, PlanIndicator, Proposal, StatusChange

from .filters import CityFilter


def public_proposals():
    return Proposal.objects.filter(status__in=PUBLIC_STATES)


# The long texts of a dossier: a list shows none of them (the city page does).
DOSSIER_TEXTS = (
    "boundary_description", "vision", "goals", "infrastructure_plan", "investment_plan", "data_platform",
    "management_model",
)


def city_list(filters=None):
    """The register: public proposals, filtered (a dict of CityFilter data, or None).

    The same number of queries whatever the number of rows: one for the rows
    (organisation, province, public record joined) and one per prefetch
    (provinces, dimension plans with their dimension). The dossier's long texts are
    left out (kilobytes a row; the exports read every row).
    """
    qs = (
        public_proposals()
        .defer(*DOSSIER_TEXTS)
        .select_related(
            "organisation", "organisation__province", "organisation__kind", "public_record",
        )
        .prefetch_related(
            "provinces",
            Prefetch("plans", queryset=DimensionPlan.objects.select_related("dimension").defer("summary")),
        )
        .order_by("-certified_on", "name_th", "pk")
    )
    if filters:
        qs = CityFilter(filters, queryset=qs).qs
    return qs


# The steps of a history the public may see (the office acts, never a private name).
PUBLIC_HISTORY_STATES = PUBLIC_STATES


def get_city(pk) -> Proposal:
    """A city page: 404 for anything not public (we do not confirm it exists)."""
    try:
        return (
            public_proposals()
            .select_related(
                "organisation", "organisation__province", "organisation__kind", "public_record",
            )
            .prefetch_related(
                "provinces",
                Prefetch(
                    "plans",
                    queryset=DimensionPlan.objects.select_related("dimension").prefetch_related(
                        Prefetch("indicators", queryset=PlanIndicator.objects.order_by("pk"))
                    ),
                ),
                Prefetch(
                    "history",
                    queryset=StatusChange.objects.filter(to_state__in=PUBLIC_HISTORY_STATES)
                    .prefetch_related("resolution__meeting__body")
                    .order_by("at", "pk"),
                    to_attr="public_history",
                ),
            )
            .get(pk=pk)
        )
    except (Proposal.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
