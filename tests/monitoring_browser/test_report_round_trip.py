"""Round trip of every field of the annual report, in Thai and in English: typed as people type
(thousands separators, decimals, Thai on several lines), saved, opened again, every box shows
exactly what was typed; submitted, the report holds the same values."""

from decimal import Decimal

import pytest
from django.utils import timezone

from applications.enums import State
from monitoring.models import AnnualReport
from tests import paths
from tests.annexes.conftest import pdf_bytes
from tests.monitoring.helpers import member_of
from tests.signin import sign_in, with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUMMARY = "ปีนี้ติดตั้งเซนเซอร์ครบทุกโรงเรียน\nผู้ใช้รถโดยสารไฟฟ้าเพิ่มขึ้นเกินเป้า"
VALUES = ["1,250.5", "48.75"]
COMMENTS = ["วัดจากสถานีตรวจวัด ๑๒ แห่ง\nค่าเฉลี่ยทั้งปี", "นับจากบัตรโดยสาร"]
STATUSES = ["in_progress", "completed"]
SPENT = ["350,000.50", "1,000,000"]
ICOMMENTS = ["จัดซื้อแล้วร้อยละ 35", "ส่งมอบครบ\nเปิดใช้งานแล้ว"]


@pytest.fixture
def city(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    proposal = paths.bring_to(State.CERTIFIED, years_ago=1)
    return proposal, with_password(member_of(proposal))


def _boxes(page):
    return (page.locator("input[name^=value-]"), page.locator("textarea[name^=comment-]"),
            page.locator("select[name^=status-]"), page.locator("input[name^=spent-]"),
            page.locator("textarea[name^=icomment-]"))


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_report_field_comes_back_as_typed(lang, page, live_server, city, tmp_path, screenshot_dir):
    proposal, user = city
    base = live_server.url
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": base}])
    page.set_default_timeout(30_000)  # a long form on a busy CI machine
    sign_in(page, user.username, base_url=base, next_url=f"/monitoring/cities/{proposal.pk}/reports/")
    page.locator("select[name=year]").select_option(str(timezone.localdate().year))
    page.locator("main form.form-card button[type=submit]").click()
    page.wait_for_url("**/edit/")

    values, comments, statuses, spent, icomments = _boxes(page)
    assert (values.count(), statuses.count()) == (2, 2)
    page.locator("textarea[name=summary]").fill(SUMMARY)
    for n in range(2):
        values.nth(n).fill(VALUES[n])
        comments.nth(n).fill(COMMENTS[n])
        statuses.nth(n).select_option(STATUSES[n])
        spent.nth(n).fill(SPENT[n])
        icomments.nth(n).fill(ICOMMENTS[n])
    evidence = tmp_path / "หลักฐาน-คุณภาพอากาศ.pdf"
    evidence.write_bytes(pdf_bytes())
    page.locator("input[name^=evidence-]").first.set_input_files(str(evidence))
    page.locator("button[name=save]").click()
    page.wait_for_url("**/edit/")
    assert page.locator(".error-summary").count() == 0

    page.reload()
    values, comments, statuses, spent, icomments = _boxes(page)
    assert page.locator("textarea[name=summary]").input_value() == SUMMARY
    assert [values.nth(n).input_value() for n in range(2)] == VALUES
    assert [comments.nth(n).input_value() for n in range(2)] == COMMENTS
    assert [statuses.nth(n).input_value() for n in range(2)] == STATUSES
    assert [spent.nth(n).input_value() for n in range(2)] == SPENT
    assert [icomments.nth(n).input_value() for n in range(2)] == ICOMMENTS
    assert page.get_by_role("link", name=evidence.name).count() == 1
    page.screenshot(path=str(screenshot_dir / f"report-round-trip-{lang}.png"), full_page=True)

    page.locator("button[name=submit]").click()
    page.wait_for_url("**/reports/*/")
    report = AnnualReport.objects.get(proposal=proposal)
    assert report.summary == SUMMARY
    assert [r.value for r in report.results.order_by("id")] == [Decimal("1250.5"), Decimal("48.75")]
    assert [r.comment for r in report.results.order_by("id")] == COMMENTS
    rows = report.initiatives.order_by("id")
    assert [(r.status, r.spent_thb, r.comment) for r in rows] == [
        ("in_progress", Decimal("350000.50"), ICOMMENTS[0]), ("completed", Decimal("1000000.00"), ICOMMENTS[1]),
    ]
