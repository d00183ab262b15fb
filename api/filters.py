"""The register's own filters (``register.filters.CityFilter``), typed for the OpenAPI schema."""

from register.filters import CityFilter


class CityApiFilter(CityFilter):
    """The same filters as the register pages; the type hints tell the schema each takes a code."""

    def filter_province(self, queryset, name, value: str):
        return super().filter_province(queryset, name, value)

    def filter_region(self, queryset, name, value: str):
        return super().filter_region(queryset, name, value)

    def filter_dimension(self, queryset, name, value: str):
        return super().filter_dimension(queryset, name, value)
