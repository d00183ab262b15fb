"""Open data (CSV, JSON, GeoJSON, Atom, sitemap) and the map page of the register."""

import csv
import datetime
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications.models import DimensionPlan
from dimensions.models import Dimension
from register.maps import thailand_map
from tests.factories import OrganisationFactory, ProposalFactory, province

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def city(code="57", status="certified", day=datetime.date(2022, 11, 9), dims=("ENV", "MOB"), **kwargs):
    place = province(code)
    p = ProposalFactory(
        organisation=OrganisationFactory(province=place), status=status,
        certified_on=day if status in ("certified", "renewal") else None,
        certificate_number=kwargs.pop("certificate_number", None), **kwargs,
    )
    p.provinces.add(place)
    for code_ in dims:
        DimensionPlan.objects.create(proposal=p, dimension=Dimension.objects.get(code=code_))
    return p


@pytest.fixture
def cities():
    return [
        city("57", name_th="นครเชียงรายสู่เมืองอัจฉริยะ", name_en="Chiang Rai Smart City",
             certificate_number="SC-001"),
        city("50", name_th="เมืองเก่าเชียงใหม่", name_en="Chiang Mai Old Town", day=datetime.date(2021, 3, 8),
             dims=("ENV",)),
        city("83", status="approved", name_th="ภูเก็ตเมืองอัจฉริยะ", name_en="Phuket Smart City"),
        city("10", status="draft", name_th="ร่างที่ไม่เปิดเผย", name_en="Hidden draft"),
    ]


def test_csv_has_bom_and_reads_back_with_thai_names(client, cities):
    response = client.get("/register/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    names = {r["name_th"] for r in rows}
    assert names == {"นครเชียงรายสู่เมืองอัจฉริยะ", "เมืองเก่าเชียงใหม่", "ภูเก็ตเมืองอัจฉริยะ"}
    chiang_rai = next(r for r in rows if r["name_en"] == "Chiang Rai Smart City")
    assert chiang_rai["provinces_th"] == "เชียงราย"
    assert chiang_rai["province_codes"] == "57"
    assert chiang_rai["dimensions"] == "ENV MOB"
    assert chiang_rai["certified_on"] == "2022-11-09"
    assert chiang_rai["certified_year_be"] == "2565"
    assert chiang_rai["certificate_number"] == "SC-001"


def test_csv_follows_the_register_filters(client, cities):
    body = client.get("/register/export.csv", {"province": "50"}).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [r["name_th"] for r in rows] == ["เมืองเก่าเชียงใหม่"]
    body = client.get("/register/export.csv", {"q": "เชียงราย"}).content.decode("utf-8-sig")
    assert [r["name_en"] for r in csv.DictReader(io.StringIO(body))] == ["Chiang Rai Smart City"]


def test_json_structure_and_counts(client, cities):
    data = json.loads(client.get("/register/export.json").content)
    assert data["count"] == 3 == len(data["results"])
    first = next(r for r in data["results"] if r["name_en"] == "Chiang Rai Smart City")
    assert first["provinces"] == [{"code": "57", "name_th": "เชียงราย", "name_en": "Chiang Rai"}]
    assert first["status"] == "certified"
    assert first["url"].startswith("http://testserver/register/")
    data = json.loads(client.get("/register/export.json", {"state": "approved"}).content)
    assert [r["name_en"] for r in data["results"]] == ["Phuket Smart City"]


def test_geojson_is_a_feature_collection_of_points_in_thailand(client, cities):
    response = client.get("/register/export.geojson")
    assert response["Content-Type"].startswith("application/geo+json")
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 3
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert 97.3 <= lon <= 105.7 and 5.6 <= lat <= 20.5
        assert feature["properties"]["name_th"]
    phuket = next(f for f in data["features"] if f["properties"]["name_en"] == "Phuket Smart City")
    lon, lat = phuket["geometry"]["coordinates"]
    assert abs(lon - 98.35) < 0.3 and abs(lat - 7.95) < 0.3  # Phuket island


def test_a_city_over_two_provinces_is_a_multipoint(client):
    p = city("57")
    p.provinces.add(province("56"))
    feature = json.loads(client.get("/register/export.geojson").content)["features"][0]
    assert feature["geometry"]["type"] == "MultiPoint"
    assert len(feature["geometry"]["coordinates"]) == 2


@pytest.mark.parametrize("url", ["/register/export.csv", "/register/export.json", "/register/export.geojson"])
def test_exports_use_the_same_queries_for_1_and_20_rows(client, url):
    city("57")
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for i in range(19):
        city(["50", "10", "83", "34"][i % 4], day=datetime.date(2021 + i % 4, 1, 1))
    with CaptureQueriesContext(connection) as twenty:
        response = client.get(url)
    assert response.status_code == 200
    assert len(one) == len(twenty) <= 10


def test_feed_is_atom_with_newly_certified_cities(client, cities):
    response = client.get("/register/feed/")
    assert response.status_code == 200
    assert "atom" in response["Content-Type"]
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    # Certified cities only, newest first; the approved one and the draft are not there.
    assert [e.find(f"{ATOM}title").text for e in entries] == ["นครเชียงรายสู่เมืองอัจฉริยะ", "เมืองเก่าเชียงใหม่"]
    assert entries[0].find(f"{ATOM}published").text.startswith("2022-11-09")
    assert entries[0].find(f"{ATOM}link").get("href").startswith("http://testserver/register/")


def test_sitemap_lists_home_register_and_public_city_pages(client, cities):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locs = [u.find(f"{SITEMAP}loc").text for u in root.findall(f"{SITEMAP}url")]
    assert "http://testserver/" in locs
    assert "http://testserver/register/" in locs
    assert "http://testserver/register/map/" in locs
    public = [c for c in cities if c.status != "draft"]
    from register.opendata import city_path

    for c in public:
        assert f"http://testserver{city_path(c.pk)}" in locs
    assert f"http://testserver{city_path(cities[-1].pk)}" not in locs  # the draft


def test_the_map_data_has_77_provinces_keyed_by_dopa_code():
    shapes = thailand_map().provinces
    assert len(shapes) == 77
    assert set(shapes) == set(province_codes())
    bangkok = shapes["10"]
    assert abs(bangkok.lon - 100.6) < 0.2 and abs(bangkok.lat - 13.75) < 0.2


def province_codes():
    from provinces.models import Province

    return Province.objects.values_list("code", flat=True)


def test_map_page_links_77_provinces_shaded_by_count(client, cities):
    response = client.get("/register/map/")
    assert response.status_code == 200
    html = response.content.decode()
    root_links = html.count('href="/register/?province=')
    assert root_links == 77
    assert 'aria-label="เชียงราย: พื้นที่ที่ได้รับการรับรอง 1 แห่ง"' in html
    assert 'data-code="57"><path class="province fill-1"' in html
    assert 'data-code="83"><path class="province fill-0"' in html  # approved, not yet certified
    assert "CC BY 4.0" in html


def test_charts_count_certified_areas_by_region_dimension_and_year(client, cities):
    from register.map_page import statistics

    stats = statistics()
    assert stats["total"] == 2
    by_dim = {row["label"]: row["n"] for row in stats["by_dimension"]}
    assert by_dim["Smart Environment"] == 2 and by_dim["Smart Mobility"] == 1
    assert [(row["label"], row["n"]) for row in stats["by_year"]] == [("B.E. 2564", 1), ("B.E. 2565", 1)]
    assert sum(row["n"] for row in stats["by_region_six"]) == 2
    assert sum(row["n"] for row in stats["by_region_four"]) == 2
    client.cookies["django_language"] = "en"
    html = client.get("/register/map/").content.decode()
    assert "B.E. 2565" in html and "Smart Environment" in html


def test_map_page_queries_do_not_grow_with_rows(client):
    city("57")
    with CaptureQueriesContext(connection) as one:
        client.get("/register/map/")
    for i in range(19):
        city(["50", "10", "83", "34"][i % 4])
    with CaptureQueriesContext(connection) as twenty:
        client.get("/register/map/")
    assert len(one) == len(twenty) <= 12
