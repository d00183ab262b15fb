"""The register list links to its open data under the filters the reader chose."""

import csv
import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def record_once(built_once):
    with built_once():
        call_command("load_public_record", verbosity=0)


@pytest.fixture(autouse=True)
def record(db, record_once):
    """The published record, loaded once for the module's tests (each rolls back to it)."""
    cache.clear()
    yield
    cache.clear()


def _links(html):
    return dict((label, href.replace("&amp;", "&")) for href, label in
                re.findall(r'<a href="([^"]+)"[^>]*>(CSV|JSON|GeoJSON)</a>', html))


def test_export_links_carry_the_filters(client):
    html = client.get("/register/", {"province": "57", "state": "certified", "page": "1"}).content.decode()
    links = _links(html)
    assert set(links) == {"CSV", "JSON", "GeoJSON"}
    for href in links.values():
        assert "province=57" in href and "state=certified" in href and "page=" not in href
    body = client.get(links["CSV"]).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows and {r["province_codes"] for r in rows} == {"57"}
    assert "นครเชียงรายสู่เมืองอัจฉริยะ" in {r["name_th"] for r in rows}
    assert {r["status"] for r in rows} == {"certified"}
    assert client.get(links["JSON"]).json()["count"] == len(rows)
    assert 'href="/register/feed/"' in html


def test_unfiltered_export_links_have_no_query(client):
    links = _links(client.get("/register/").content.decode())
    assert links["CSV"] == "/register/export.csv"
