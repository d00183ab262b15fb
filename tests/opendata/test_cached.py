"""The map and the exports are cached for anonymous readers and cleared when a city changes."""

import csv
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applications.enums import State
from applications.workflow import transition
from tests.factories import StaffFactory
from tests.paths import bring_to

pytestmark = pytest.mark.django_db

URLS = ("/register/map/", "/register/export.csv", "/register/export.json", "/register/export.geojson")


def _names(client):
    pages = {url: client.get(url) for url in URLS}
    assert all(r.status_code == 200 for r in pages.values())
    csv_rows = csv.DictReader(io.StringIO(pages["/register/export.csv"].content.decode("utf-8-sig")))
    return {
        # The page frame carries each visitor's own CSRF token; the map is the rest.
        "map": re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", pages["/register/map/"].content.decode()),
        "csv": {r["name_th"]: r["status"] for r in csv_rows},
        "json": {r["name_th"]: r["status"] for r in json.loads(pages["/register/export.json"].content)["results"]},
        "geojson": {f["properties"]["name_th"]: f["properties"]["status"]
                    for f in json.loads(pages["/register/export.geojson"].content)["features"]},
    }


def test_certifying_a_city_shows_on_the_map_and_in_the_exports_at_once(client):
    proposal = bring_to(State.ACKNOWLEDGED)
    before = _names(client)
    assert before["csv"][proposal.name_th] == "acknowledged"
    assert before["json"] == before["geojson"] == before["csv"]
    assert "0 areas hold a smart city certificate" in before["map"] or "0 พื้นที่" in before["map"]
    with CaptureQueriesContext(connection) as ctx:
        again = _names(client)
    assert len(ctx.captured_queries) == 0  # all four from the cache
    assert again == before

    transition(proposal, "certify", by=StaffFactory(), at=timezone.now())
    after = _names(client)
    assert after["csv"][proposal.name_th] == after["json"][proposal.name_th] == "certified"
    assert after["geojson"][proposal.name_th] == "certified"
    assert after["map"] != before["map"]


def test_signed_in_readers_get_fresh_exports(client):
    proposal = bring_to(State.ACKNOWLEDGED)
    client.get("/register/export.csv")
    client.force_login(StaffFactory())
    with CaptureQueriesContext(connection) as ctx:
        body = client.get("/register/export.csv").content.decode("utf-8-sig")
    assert len(ctx.captured_queries) > 0
    assert proposal.name_th in body
