"""In Chromium: the map's provinces are links with names; clicking one opens the filtered register."""

import csv
import datetime
import io

import pytest

from tests.opendata.test_opendata import city

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_click_a_province_then_download_the_csv(page, live_server):
    city("57", name_th="นครเชียงรายสู่เมืองอัจฉริยะ", name_en="Chiang Rai Smart City")
    city("50", name_th="เมืองเก่าเชียงใหม่", name_en="Chiang Mai Old Town", day=datetime.date(2021, 3, 8))
    page.goto(f"{live_server.url}/register/map/")
    assert page.locator("svg a[data-code]").count() == 77
    chiang_rai = page.get_by_role("link", name="เชียงราย: พื้นที่ที่ได้รับการรับรอง 1 แห่ง")
    chiang_rai.click()
    page.wait_for_url("**/register/?province=57")
    assert "นครเชียงรายสู่เมืองอัจฉริยะ" in page.content()
    assert "เมืองเก่าเชียงใหม่" not in page.locator("main").inner_text()
    # Every request stayed on our own server: no tiles, no CDN.
    assert all(url.startswith(live_server.url) for url in page.requested_urls)

    page.goto(f"{live_server.url}/register/map/")
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    body = open(info.value.path(), "rb").read()
    assert body.startswith(b"\xef\xbb\xbf")
    names = {r["name_th"] for r in csv.DictReader(io.StringIO(body.decode("utf-8-sig")))}
    assert names == {"นครเชียงรายสู่เมืองอัจฉริยะ", "เมืองเก่าเชียงใหม่"}
