"""A city's proponent signs in, writes and submits its annual report, the Office accepts it,
and the public page's chart gains the new year's point."""

import pytest
from django.utils import timezone

from applications.enums import State
from tests import paths
from tests.annexes.conftest import pdf_bytes
from tests.factories import StaffFactory
from tests.monitoring.helpers import accepted, member_of
from tests.signin import sign_in, with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def city(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # Certified a year ago, last year's report already accepted (one point on the chart).
    proposal = paths.bring_to(State.CERTIFIED, years_ago=1)
    accepted(proposal, ["12", "12"], year=timezone.localdate().year - 1)  # 20 %
    user = with_password(member_of(proposal))
    staff = with_password(StaffFactory(username="office.staff"))
    return proposal, user, staff


def _sign_out(page, user):
    page.get_by_role("button", name=f"ออกจากระบบ ({user.username})").click()


def test_city_reports_office_accepts_public_chart_shows_the_point(page, live_server, city, screenshot_dir, tmp_path):
    proposal, user, staff = city
    year = timezone.localdate().year
    public = f"{live_server.url}/register/cities/{proposal.pk}/"
    page.goto(public)
    assert page.locator("svg.progress-chart circle.point").count() == 1

    # The proponent signs in and opens the city's reports from its proposal page.
    sign_in(page, user.username, base_url=live_server.url, next_url=f"/proposals/{proposal.pk}/")
    page.get_by_role("link", name="รายงานความก้าวหน้าประจำปีและการต่ออายุ").click()
    page.wait_for_url(f"{live_server.url}/monitoring/cities/{proposal.pk}/reports/")
    page.get_by_label("ปี").select_option(str(year))
    assert page.get_by_label("ปี").locator("option:checked").inner_text() == str(year + 543)
    page.get_by_role("button", name="เริ่มจัดทำรายงาน").click()
    page.wait_for_url("**/edit/")

    # A wrong amount is shown next to its field, in Thai; nothing typed is lost.
    values = page.locator("input[name^=value-]")
    values.nth(0).fill("17")
    values.nth(1).fill("18")
    page.locator("input[name^=spent-]").nth(0).fill("-5")
    page.get_by_role("button", name="บันทึกและส่งให้สำนักงานเมืองอัจฉริยะประเทศไทย").click()
    assert page.locator(".error-summary").is_visible()
    spent_field = page.locator(".field-has-error", has=page.locator("input[name^=spent-]"))
    assert spent_field.locator(".errorlist").inner_text() == "ค่านี้ต้องมากกว่าหรือเท่ากับ 0"
    assert page.locator("input[name^=value-]").nth(0).input_value() == "17"
    page.screenshot(path=str(screenshot_dir / "monitoring-report-errors.png"), full_page=True)

    evidence = tmp_path / "หลักฐาน-ตัวชี้วัด.pdf"
    evidence.write_bytes(pdf_bytes())
    page.locator("input[name^=evidence-]").nth(0).set_input_files(str(evidence))
    page.locator("select[name^=status-]").nth(0).select_option("in_progress")
    page.locator("input[name^=spent-]").nth(0).fill("350000")
    page.get_by_role("button", name="บันทึกและส่งให้สำนักงานเมืองอัจฉริยะประเทศไทย").click()
    page.wait_for_url(f"{live_server.url}/monitoring/reports/*/")
    assert page.locator(".status-line .state").inner_text() == "ส่งให้พิจารณาแล้ว"
    assert page.locator("#plan-progress").inner_text() == "75.0 %"  # (70 + 80) / 2
    assert page.get_by_role("link", name="หลักฐาน-ตัวชี้วัด.pdf").is_visible()
    _sign_out(page, user)

    # The Office sees it in its overview and accepts it.
    sign_in(page, staff.username, base_url=live_server.url, next_url="/monitoring/overview/")
    page.screenshot(path=str(screenshot_dir / "monitoring-overview.png"), full_page=True)
    row = page.locator("tbody tr", has_text=proposal.name_th)
    assert "ส่งให้พิจารณาแล้ว" in row.inner_text()
    row.get_by_role("link", name="ส่งให้พิจารณาแล้ว").click()
    page.screenshot(path=str(screenshot_dir / "monitoring-report-review.png"), full_page=True)
    page.get_by_label("ได้ตรวจสอบค่าและหลักฐานแล้ว รายงานที่รับแล้วจะแก้ไขไม่ได้").check()
    page.get_by_role("button", name="รับรายงาน").click()
    assert page.locator(".status-line .state").inner_text() == "รับรายงานแล้ว"
    page.get_by_role("link", name="รายงานทั้งหมดของเมือง").click()
    assert "75.0 %" in page.locator("#renewal-h + p").inner_text()
    page.screenshot(path=str(screenshot_dir / "monitoring-city-reports.png"), full_page=True)
    _sign_out(page, staff)

    # The public page: two points, the new one for this year.
    page.goto(public)
    chart = page.locator("svg.progress-chart")
    assert chart.locator("circle.point").count() == 2
    assert chart.locator("circle.point title").all_text_contents() == [f"{year + 542}: 20.0 %", f"{year + 543}: 75.0 %"]
    table = page.locator(".city-progress table")
    assert table.locator("thead th").all_inner_texts()[-2:] == [str(year + 542), str(year + 543)]
    assert "17" in table.locator("tbody tr").nth(0).inner_text()
    page.locator(".city-progress").screenshot(path=str(screenshot_dir / "monitoring-chart.png"))
    # Nothing was fetched from another server.
    assert all(url.startswith(live_server.url) for url in page.requested_urls)
