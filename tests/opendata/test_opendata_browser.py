"""In Chromium, in Thai at 360 px: the open-data page reads on a phone and its files download."""

import csv
import io

import pytest

from applications.enums import State
from tests.monitoring.helpers import accepted
from tests.paths import bring_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_phone_reads_the_dictionary_stacked_and_downloads_the_indicators(page, live_server):
    city = bring_to(State.CERTIFIED)
    accepted(city, ["15", "20"])
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{live_server.url}/opendata/")
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # Each field's name sits above its meaning, not beside it three screens away.
    row = page.locator("#indicators-csv-fields tbody tr").first
    name, meaning = row.locator("th").bounding_box(), row.locator("td").last.bounding_box()
    assert meaning["y"] >= name["y"] + name["height"] - 1
    assert meaning["x"] + meaning["width"] <= 360

    with page.expect_download() as info:
        page.locator("#indicators-csv").click()
    body = open(info.value.path(), "rb").read()
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert {(r["dimension"], r["value"], r["progress_percent"]) for r in rows} == {("ENV", "15", "50"),
                                                                                   ("MOB", "20", "100")}
