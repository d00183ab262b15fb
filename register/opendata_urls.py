"""``/opendata/``: the catalogue (DCAT), its page, and the files of each dataset (register/datasets.py)."""

from django.urls import path

from . import catalog, indicators, opendata, opendata_page, resolutions
from .datasets import BY_SLUG, CSV, GEOJSON, JSON, STATES

# The register's two datasets are its exports narrowed to some states (and to the reader's filters).
_REGISTER_VIEWS = {CSV: opendata.export_csv, JSON: opendata.export_json, GEOJSON: opendata.export_geojson}
_VIEWS = {
    "resolutions": {CSV: resolutions.export_csv, JSON: resolutions.export_json},
    "indicators": {CSV: indicators.export_csv, JSON: indicators.export_json},
}

urlpatterns = [
    path("", opendata_page.index, name="opendata-index"),
    path("catalog", catalog.catalog_negotiated, name="opendata-catalog"),
    path("catalog.jsonld", catalog.catalog_jsonld, name="opendata-catalog-jsonld"),
    path("catalog.ttl", catalog.catalog_ttl, name="opendata-catalog-ttl"),
]

for _slug, _dataset in BY_SLUG.items():
    for _fmt in _dataset.formats:
        if _slug in _VIEWS:
            urlpatterns.append(path(f"{_slug}.{_fmt.code}", _VIEWS[_slug][_fmt], name=_dataset.url_name(_fmt)))
        else:
            urlpatterns.append(path(f"{_slug}.{_fmt.code}", _REGISTER_VIEWS[_fmt], {"states": STATES[_slug]},
                                    name=_dataset.url_name(_fmt)))
