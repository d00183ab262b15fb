"""The register's filters, shared by the pages and the API (`cities/`).

Every filter that crosses a many-valued relation (provinces, dimension plans)
goes through a `pk__in` subquery, so a city in two matching provinces is
listed once and no DISTINCT is needed.
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from applications.enums import PUBLIC_STATES, State
from applications.models import DimensionPlan, Proposal
from dimensions.models import Dimension
from monitoring.selectors import renewal_due_q
from provinces.enums import RegionScheme
from provinces.models import Region
from provinces.selectors import provinces_in_order

BE_OFFSET = 543

PUBLIC_STATE_CHOICES = [(s.value, s.label) for s in State if s in PUBLIC_STATES]


def _province_choices():
    return [(p.code, p.name) for p in provinces_in_order()]


def _dimension_choices():
    return [(d.code, d.name) for d in Dimension.objects.only("code", "name_th", "name_en")]


def _region_choices():
    # Grouped by scheme: the same code (north) names a different set of provinces in each.
    groups = {scheme: [] for scheme, _label in RegionScheme.choices}
    for r in Region.objects.only("code", "name_th", "name_en", "scheme"):
        groups.setdefault(r.scheme, []).append((r.code, r.name))
    labels = dict(RegionScheme.choices)
    return [(labels.get(scheme, scheme), rows) for scheme, rows in groups.items() if rows]


class CityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search by name"), method="filter_q")
    province = django_filters.ChoiceFilter(
        label=_("Province"), choices=_province_choices, method="filter_province", empty_label=_("All")
    )
    region_scheme = django_filters.ChoiceFilter(
        label=_("Region scheme"), choices=RegionScheme.choices, method="filter_noop",
        empty_label=None,
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"), choices=_region_choices, method="filter_region", empty_label=_("All")
    )
    dimension = django_filters.ChoiceFilter(
        label=_("Dimension"), choices=_dimension_choices, method="filter_dimension", empty_label=_("All")
    )
    round = django_filters.NumberFilter(label=_("Round"), field_name="public_record__round")
    year = django_filters.NumberFilter(label=_("Year certified"), method="filter_year")
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=PUBLIC_STATE_CHOICES, field_name="status", empty_label=_("All")
    )

    # Issue 7: certified cities within 90 days of their end date, or applying for renewal.
    renewal_due = django_filters.BooleanFilter(
        label=_("Renewal due"), method="filter_renewal_due", widget=forms.CheckboxInput
    )

    class Meta:
        model = Proposal
        fields = ["q", "province", "region_scheme", "region", "dimension", "round", "year", "state", "renewal_due"]

    def filter_noop(self, queryset, name, value):
        return queryset

    def filter_q(self, queryset, name, value):
        value = (value or "").strip()
        if not value:
            return queryset
        # Thai has no spaces between words: a substring match on both names.
        return queryset.filter(Q(name_th__icontains=value) | Q(name_en__icontains=value))

    def filter_province(self, queryset, name, value):
        ids = Proposal.provinces.through.objects.filter(province__code=value).values("proposal_id")
        return queryset.filter(pk__in=ids)

    def filter_region(self, queryset, name, value):
        scheme = self.data.get("region_scheme") or RegionScheme.SIX
        field = "province__region_four__code" if scheme == RegionScheme.FOUR else "province__region_six__code"
        ids = Proposal.provinces.through.objects.filter(**{field: value}).values("proposal_id")
        return queryset.filter(pk__in=ids)

    def filter_dimension(self, queryset, name, value):
        ids = DimensionPlan.objects.filter(dimension__code=value).values("proposal_id")
        return queryset.filter(pk__in=ids)

    def filter_year(self, queryset, name, value):
        # Accept the Buddhist-Era year (2565) as well as the Gregorian one (2022).
        year = int(value)
        if year > 2400:
            year -= BE_OFFSET
        if not 1 <= year <= 9999:  # no such calendar year: nothing matches (was a 500, found by schemathesis)
            return queryset.none()
        return queryset.filter(certified_on__year=year)

    def filter_renewal_due(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(renewal_due_q())
