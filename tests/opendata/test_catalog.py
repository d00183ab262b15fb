"""Issue 19, item 4: the DCAT catalogue CKAN harvests, and the /opendata/ page that explains it.

The catalogue is validated against the official DCAT-AP 3.0.1 SHACL shapes (copied under
tests/opendata/shapes/, see its README), each of its files is fetched through the test
client, and the page's data dictionary is compared with the columns and keys those files
really have.
"""

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, SH

from applications.enums import PUBLIC_STATES, State
from register import cache as register_cache
from register import datasets, resolutions
from tests.monitoring.helpers import accepted
from tests.opendata.test_opendata import city
from tests.paths import bring_to

pytestmark = [
    pytest.mark.django_db,
    # rdflib's own JSON-LD parser still builds a ConjunctiveGraph (its deprecation, not ours).
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
]

# A plain namespace: rdflib's DefinedNamespace warns when pytest inspects the module for mocks.
DCAT = Namespace("http://www.w3.org/ns/dcat#")

SHAPES = Path(__file__).parent / "shapes"
# The release's consolidated shapes; the specification's core shapes with its class ranges.
SHAPE_SETS = {
    "release 3.0.1 (consolidated)": ("dcat-ap-3.0.1-SHACL.ttl",),
    "specification 3.0.1 (core and ranges)": ("dcat-ap-3.0.1-shapes.ttl", "dcat-ap-3.0.1-range.ttl"),
}
DGA = "http://testserver/opendata/#dga-"
# The DGA catalogue's fields issue 19 names, and the others its CKAN form requires.
DGA_FIELDS = (
    "data_category", "data_language", "update_frequency_unit", "geo_coverage", "accessible_condition",
    "allow_harvest", "data_type", "objective", "update_frequency_interval", "data_source", "data_format",
    "license_id", "maintainer", "url",
)


@pytest.fixture
def world():
    """A certified city with an accepted report (and the meetings that decided it), a zone, a draft."""
    certified = bring_to(State.CERTIFIED)
    accepted(certified, ["15", "20"])
    zone = bring_to(State.PROMOTION_ZONE)
    city("10", status="draft", name_th="ร่างที่ไม่เปิดเผย")
    return {"certified": certified, "zone": zone}


def catalogue(client, kind="ttl") -> Graph:
    response = client.get(f"/opendata/catalog.{kind}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith({"ttl": "text/turtle", "jsonld": "application/ld+json"}[kind])
    return Graph().parse(data=response.content.decode(), format={"ttl": "turtle", "jsonld": "json-ld"}[kind])


def _shapes(names) -> Graph:
    graph = Graph()
    for name in names:
        graph.parse(SHAPES / name)
    return graph


def test_both_serialisations_parse_to_one_graph_of_four_datasets(client, world):
    turtle, jsonld = catalogue(client, "ttl"), catalogue(client, "jsonld")
    assert len(turtle) > 100
    assert turtle.isomorphic(jsonld)
    found = {str(turtle.value(d, DCTERMS.identifier)) for d in turtle.subjects(RDF.type, DCAT.Dataset)}
    assert found == {"certified-cities", "promotion-zones", "resolutions", "indicators"}
    catalog = next(turtle.subjects(RDF.type, DCAT.Catalog))
    assert set(turtle.objects(catalog, DCAT.dataset)) == set(turtle.subjects(RDF.type, DCAT.Dataset))


@pytest.mark.parametrize("shape_set", SHAPE_SETS)
@pytest.mark.parametrize("kind", ["ttl", "jsonld"])
def test_catalogue_conforms_to_the_dcat_ap_shapes(client, world, shape_set, kind):
    conforms, _report, text = validate(
        catalogue(client, kind), shacl_graph=_shapes(SHAPE_SETS[shape_set]), inference="none"
    )
    assert conforms, text


def test_recommended_properties_are_given_except_those_the_portal_cannot_know(client, world):
    graph = catalogue(client)
    _conforms, report, _text = validate(graph, shacl_graph=_shapes(["dcat-ap-3.0.1-shapes_recommended.ttl"]),
                                        inference="none")
    missing = {
        (str(report.value(r, SH.focusNode)).rsplit("#", 1)[-1], report.value(r, SH.resultPath))
        for r in report.subjects(RDF.type, SH.ValidationResult)
    }
    # No date of first publication is known for the catalogue; zones have no time they cover.
    assert missing <= {("catalog", DCTERMS.issued), ("dataset-promotion-zones", DCTERMS.temporal)}


def test_an_untyped_licence_breaks_conformance(client, world):
    """The shapes do check the classes of values: the test above would see a regression."""
    graph = catalogue(client)
    licence = URIRef(datasets.licence()["url"])
    graph.remove((licence, RDF.type, DCTERMS.LicenseDocument))
    conforms, _report, _text = validate(graph, shacl_graph=_shapes(SHAPE_SETS["release 3.0.1 (consolidated)"]),
                                        inference="none")
    assert not conforms


def test_every_dataset_has_the_dga_fields_and_the_dcat_metadata(client, world):
    graph = catalogue(client)
    for dataset in graph.subjects(RDF.type, DCAT.Dataset):
        name = graph.value(dataset, DCTERMS.identifier)
        for field in DGA_FIELDS:
            assert list(graph.objects(dataset, URIRef(DGA + field))), f"{name}: no dga:{field}"
        assert graph.value(dataset, URIRef(DGA + "data_category")) == Literal("ข้อมูลสาธารณะ")
        assert graph.value(dataset, URIRef(DGA + "allow_harvest")) == Literal("True")
        assert set(graph.objects(dataset, URIRef(DGA + "data_language"))) == {Literal("ไทย"), Literal("อังกฤษ")}
        assert graph.value(dataset, URIRef(DGA + "geo_coverage")) == Literal("ประเทศ")
        # Licence (on each file), publisher, frequency, languages, spatial coverage, titles in both languages.
        assert {t.language for t in graph.objects(dataset, DCTERMS.title)} == {"th", "en"}
        assert graph.value(graph.value(dataset, DCTERMS.publisher), FOAF.name) is not None
        assert graph.value(dataset, DCTERMS.accrualPeriodicity) is not None
        assert len(list(graph.objects(dataset, DCTERMS.language))) == 2
        assert graph.value(dataset, DCTERMS.spatial) == URIRef(datasets.EU + "country/THA")
        for dist in graph.objects(dataset, DCAT.distribution):
            assert graph.value(dist, DCTERMS.license) == URIRef(datasets.licence()["url"])
    indicators = URIRef("http://testserver/opendata/#dataset-indicators")
    assert graph.value(indicators, URIRef(DGA + "update_frequency_unit")) == Literal("ปี")
    assert graph.value(indicators, URIRef(DGA + "data_type")) == Literal("ข้อมูลสถิติ")
    assert graph.value(indicators, URIRef(DGA + "first_year_of_data")) is not None


def _distributions(graph):
    for dataset in graph.subjects(RDF.type, DCAT.Dataset):
        for dist in graph.objects(dataset, DCAT.distribution):
            yield str(graph.value(dataset, DCTERMS.identifier)), dist


def test_every_file_of_the_catalogue_resolves_with_its_media_type(client, world):
    graph = catalogue(client)
    seen = 0
    for _slug, dist in _distributions(graph):
        media = str(graph.value(dist, DCAT.mediaType)).rsplit("media-types/", 1)[1]
        for url in {graph.value(dist, DCAT.accessURL), graph.value(dist, DCAT.downloadURL)} - {None}:
            response = client.get(urlsplit(str(url)).path)
            assert response.status_code == 200, url
            assert response["Content-Type"].startswith(media), url
            # Harvesters' link checkers ask HEAD first.
            assert client.head(urlsplit(str(url)).path).status_code == 200, url
            seen += 1
    assert seen >= 10


def test_the_register_splits_into_certified_cities_and_promotion_zones(client, world):
    assert set(datasets.CERTIFIED_STATES) | set(datasets.ZONE_STATES) == set(PUBLIC_STATES)
    assert not set(datasets.CERTIFIED_STATES) & set(datasets.ZONE_STATES)
    certified = client.get("/opendata/certified-cities.json").json()["results"]
    zones = client.get("/opendata/promotion-zones.json").json()["results"]
    assert [r["id"] for r in certified] == [world["certified"].pk]
    assert [r["id"] for r in zones] == [world["zone"].pk]
    register = client.get("/register/export.json").json()["results"]
    assert sorted(r["id"] for r in register) == sorted(r["id"] for r in certified + zones)
    # The register's filters apply to the datasets' files too.
    province = world["certified"].provinces.first().code
    other = "96" if province != "96" else "95"
    body = client.get("/opendata/certified-cities.csv", {"province": other}).content.decode("utf-8-sig")
    assert body.count("\n") == 1


def test_resolutions_show_no_more_than_the_public_page(client, world):
    rows = client.get("/opendata/resolutions.json").json()["results"]
    assert {r["city_id"] for r in rows} == {world["certified"].pk}
    assert [(r["body"], r["resolution"], r["step"]) for r in rows] == [
        ("subcommittee", "approve", "approved"), ("committee", "acknowledge", "acknowledged"),
    ]
    meeting = world["certified"].resolutions.get(kind="approve").meeting
    approve = rows[0]
    assert approve["meeting_label"] == f"{meeting.number}/{meeting.year_be}"
    assert approve["meeting_number"] == meeting.number and approve["meeting_year_be"] == meeting.year_be
    # Nothing of the minutes, votes or the resolution's text.
    assert "มติที่ประชุม" not in client.get("/opendata/resolutions.csv").content.decode("utf-8-sig")
    assert set(approve) == set(resolutions.COLUMNS)


def test_catalogue_address_answers_the_format_asked_for(client):
    assert client.get("/opendata/catalog", HTTP_ACCEPT="text/turtle")["Location"] == "/opendata/catalog.ttl"
    assert client.get("/opendata/catalog", HTTP_ACCEPT="application/ld+json")["Location"] == "/opendata/catalog.jsonld"
    assert client.get("/opendata/catalog", HTTP_ACCEPT="text/html")["Location"] == "/opendata/"
    assert "Accept" in client.get("/opendata/catalog", HTTP_ACCEPT="text/turtle")["Vary"]


# --- the page: Thai first, and a data dictionary that misses no column -----------------------------


class _Tables(HTMLParser):
    """The names in <code> of each row header of each table with an id."""

    def __init__(self):
        super().__init__()
        self.tables, self._table, self._row_header, self._code = {}, None, False, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id"):
            self._table = self.tables.setdefault(attrs["id"], [])
        elif tag == "th" and attrs.get("scope") == "row":
            self._row_header = True
        elif tag == "code" and self._row_header and self._table is not None:
            self._code = True

    def handle_endtag(self, tag):
        if tag == "table":
            self._table = None
        elif tag == "th":
            self._row_header = False
        elif tag == "code":
            self._code = False

    def handle_data(self, data):
        if self._code:
            self._table.append(data.strip())


def _paths(value, prefix=""):
    """Every key of a JSON document as a path: ``results[].provinces[].code``."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield prefix + key
            yield from _paths(item, f"{prefix}{key}.")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict | list):
                yield from _paths(item, prefix[:-1] + "[]." if prefix.endswith(".") else prefix)


def _fields_of_the_file(response, fmt):
    body = response.content.decode("utf-8-sig")
    if fmt == "csv":
        return next(csv.reader(io.StringIO(body)))
    return sorted(set(_paths(json.loads(body))))


def test_the_page_documents_every_column_and_key_of_every_file(client, world):
    graph = catalogue(client)
    tables = _Tables()
    tables.feed(client.get("/opendata/").content.decode())
    checked = 0
    for slug, dist in _distributions(graph):
        fmt = str(dist).rsplit("-", 1)[1]
        actual = _fields_of_the_file(client.get(urlsplit(str(graph.value(dist, DCAT.accessURL))).path), fmt)
        documented = tables.tables.get(f"{slug}-{fmt}-fields")
        assert documented, f"no data dictionary for {slug}.{fmt}"
        undocumented = [f for f in actual if f not in documented]
        assert not undocumented, f"{slug}.{fmt}: not documented on /opendata/: {undocumented}"
        assert not [f for f in documented if f not in actual], f"{slug}.{fmt}: documented but not in the file"
        checked += 1
    assert checked == 10


def test_the_page_is_thai_first_with_an_english_switch_and_buddhist_era_dates(client, world):
    page = client.get("/opendata/").content.decode()
    assert '<html lang="th">' in page
    assert "ข้อมูลเปิดของทะเบียนเมืองอัจฉริยะ" in page
    assert "พจนานุกรมข้อมูล" in page
    # A sentence with a % sign is translated too (a template's % is doubled in the catalogue).
    assert "หน่วย % จึงแสดงเป็น '%" in page.replace("&#x27;", "'")
    year = world["certified"].status_changed_at.year
    assert f"{year + 543}</time>" in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/opendata/"})
    english = client.get("/opendata/").content.decode()
    assert '<html lang="en">' in english
    assert "Open data of the smart city register" in english and "Data dictionary" in english
    assert f"{year}</time>" in english


def test_the_page_links_every_file_and_both_serialisations(client):
    page = client.get("/opendata/").content.decode()
    for dataset in datasets.DATASETS:
        for fmt in dataset.formats:
            assert f'href="{dataset.path(fmt)}"' in page
    assert 'href="/opendata/catalog.jsonld"' in page and 'href="/opendata/catalog.ttl"' in page


def test_resolutions_follow_the_register_filters(client, world):
    province = world["certified"].provinces.first().code
    other = "96" if province != "96" else "95"
    assert client.get("/opendata/resolutions.json", {"province": province}).json()["count"] == 2
    assert client.get("/opendata/resolutions.json", {"province": other}).json()["count"] == 0


def _count(client, url):
    cache.clear()  # everything here is cached for anonymous readers: count what building it costs
    register_cache.forget()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("url", ["/opendata/", "/opendata/catalog.ttl", "/opendata/resolutions.csv",
                                 "/opendata/resolutions.json", "/opendata/certified-cities.csv"])
def test_query_count_does_not_grow_with_the_register(client, url):
    bring_to(State.CERTIFIED)
    _count(client, url)  # warm: content types, the session of the language switch
    one = _count(client, url)
    for _ in range(3):
        bring_to(State.CERTIFIED)
        bring_to(State.PROMOTION_ZONE)
    assert _count(client, url) == one
    assert one <= 3


def test_sitemap_lists_the_open_data_page(client):
    assert "http://testserver/opendata/" in client.get("/sitemap.xml").content.decode()
    assert 'href="/opendata/"' in client.get("/register/").content.decode()


def test_the_contact_address_is_the_configured_one_and_none_is_invented(client, settings):
    graph = catalogue(client)
    contact = URIRef("http://testserver/opendata/#contact")
    assert graph.value(contact, URIRef("http://www.w3.org/2006/vcard/ns#hasEmail")) is None
    assert not list(graph.objects(None, URIRef(DGA + "maintainer_email")))
    settings.OPEN_DATA_CONTACT_EMAIL = "opendata@example.go.th"
    cache.clear()
    graph = catalogue(client)
    assert graph.value(contact, URIRef("http://www.w3.org/2006/vcard/ns#hasEmail")) == URIRef(
        "mailto:opendata@example.go.th"
    )
    dataset = URIRef("http://testserver/opendata/#dataset-indicators")
    assert graph.value(dataset, URIRef(DGA + "maintainer_email")) == Literal("opendata@example.go.th")
