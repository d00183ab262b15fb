"""In Chromium: filter the register by region, search a Thai name, open a city, download the
CSV of the filtered list and read it back, click a province on the map."""

import csv
import io

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHIANG_RAI = "นครเชียงรายสู่เมืองอัจฉริยะ"


@pytest.fixture
def record():
    call_command("load_public_record", verbosity=0)


def main_text(page):
    return page.locator("main").inner_text()


def rows_text(page):
    return page.locator("main table tbody").inner_text()


def test_a_reader_finds_a_city_and_takes_the_data_away(page, live_server, record, screenshot_dir):
    page.goto(f"{live_server.url}/register/")
    assert page.get_by_role("heading", name="ทะเบียนเมืองอัจฉริยะ").is_visible()
    page.screenshot(path=str(screenshot_dir / "register-list.png"), full_page=True)

    # Filter by region: the programme's four regions, the north.
    page.select_option("#id_region_scheme", "four")
    # The same code names a region of each scheme: pick the north of the four-region group.
    index = page.locator("#id_region option").evaluate_all(
        "options => options.findIndex(o => o.value === 'north' && o.parentElement.label.includes('4'))"
    )
    assert index > 0
    page.select_option("#id_region", index=index)
    page.get_by_role("button", name="แสดงผล").click()
    page.wait_for_url("**/register/?*region=north*")
    text = rows_text(page)
    assert CHIANG_RAI in text
    assert "ภูเก็ตเมืองอัจฉริยะ" not in text  # Phuket is in the south

    # Search a Thai name: Thai has no spaces, the part of a name finds it.
    page.goto(f"{live_server.url}/register/")
    page.fill("#id_q", "เชียงราย")
    page.get_by_role("button", name="แสดงผล").click()
    page.wait_for_url("**/register/?*q=*")
    assert page.locator("main table tbody tr").count() == 1
    assert CHIANG_RAI in rows_text(page)

    # The CSV of this filtered list, read back with its byte-order mark and Thai names.
    with page.expect_download() as info:
        page.locator("#open-data").get_by_role("link", name="CSV", exact=True).click()
    body = open(info.value.path(), "rb").read()
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert [r["name_th"] for r in rows] == [CHIANG_RAI]
    assert rows[0]["provinces_th"] == "เชียงราย"

    # Open the city: its certificate, B.E. dates and the meeting that approved it.
    page.get_by_role("link", name=CHIANG_RAI).click()
    page.wait_for_url("**/register/cities/*/")
    assert page.get_by_role("heading", name=CHIANG_RAI).is_visible()
    text = main_text(page)
    assert "SCT-2565-" in text
    assert "2565" in text and "1/2565" in text
    page.screenshot(path=str(screenshot_dir / "register-city.png"), full_page=True)

    # The map: clicking Chiang Rai opens the register filtered to that province.
    page.goto(f"{live_server.url}/register/map/")
    page.locator("svg a[data-code='57']").click()
    page.wait_for_url("**/register/?province=57")
    assert CHIANG_RAI in rows_text(page)
    # Every request stayed on our own server: no CDN, no tiles.
    assert all(url.startswith(live_server.url) for url in page.requested_urls)
