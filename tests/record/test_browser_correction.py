"""In headless Chromium: the Office finds a closed resolution read only in the admin, follows
"record a correction", corrects its kind on the portal's page (with confirmation), and the
item page and the minutes PDF (read back with pypdf) show what was recorded and the correction.
The proposal does not move.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from applications.enums import State
from reviews.models import Correction, Resolution
from tests import paths
from tests.meetings_browser.test_meeting_journey import pdf_text
from tests.signin import sign_in, with_password
from tests.voting.scenario import Item

from .conftest import close_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "ฝ่ายเลขานุการบันทึกมติคลาดเคลื่อนจากที่ประชุม"


def test_staff_correct_a_closed_resolution_and_the_minutes_show_both(chromium, live_server, screenshot_dir):
    scenario = Item(members=4)
    resolution = close_item(scenario)
    assert resolution.kind == "approve"
    staff = with_password(scenario.staff)
    # The next meeting adopted the minutes and ordered the correction.
    adopting = paths.meeting("subcommittee", scenario.meeting.held_at + datetime.timedelta(days=1))
    adopting.held_at = timezone.now() - datetime.timedelta(minutes=5)
    adopting.save(update_fields=["held_at"])
    folder = screenshot_dir / "record-correction"
    folder.mkdir(parents=True, exist_ok=True)

    context = chromium.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page, staff.username, base_url=live_server.url)

    # The admin shows the resolution read only, with the way to correct it.
    page.goto(f"{live_server.url}/admin/reviews/resolution/{resolution.pk}/change/")
    expect(page.locator("input[name=_save]")).to_have_count(0)
    expect(page.locator("select[name=kind]")).to_have_count(0)
    page.screenshot(path=str(folder / "01-admin-read-only.png"), full_page=True)
    page.get_by_role("link", name="บันทึกการแก้ไข").click()
    expect(page).to_have_url(re.compile(rf"/reviews/corrections/resolution/{resolution.pk}/$"))
    expect(page.locator(".correction-no-move")).to_be_visible()
    expect(page.locator(".recorded-value").first).to_have_text("เห็นชอบ")

    # The correction: the kind, the reason, the meeting that ordered it, and the confirmation.
    page.get_by_label("ประเภทมติ").select_option("not_approve")
    page.get_by_label("เหตุผลของการแก้ไข").fill(REASON)
    page.get_by_label(re.compile("แก้ไขตามมติที่ประชุม")).select_option(str(adopting.pk))
    page.get_by_label(re.compile("ข้าพเจ้าเข้าใจว่าการแก้ไขจะบันทึกไว้ถาวร")).check()
    page.screenshot(path=str(folder / "02-correction-form.png"), full_page=True)
    page.get_by_role("button", name="บันทึกการแก้ไข").click()

    # Back on the item: the corrected kind, what was recorded first, and the reason.
    expect(page).to_have_url(re.compile(rf"/reviews/items/{scenario.item.pk}/$"))
    expect(page.locator("main .messages")).to_contain_text("บันทึกการแก้ไขแล้ว")
    expect(page.locator(".resolution-kind")).to_have_text("ไม่เห็นชอบ")
    expect(page.locator(".resolution-record .correction-original")).to_have_text("เห็นชอบ")
    expect(page.locator(".resolution-record .correction-value")).to_have_text("ไม่เห็นชอบ")
    expect(page.locator(".resolution-record")).to_contain_text(REASON)
    page.screenshot(path=str(folder / "03-item-corrected.png"), full_page=True)

    correction = Correction.objects.get()
    assert (correction.original, correction.value, correction.ordered_by_id) == ("approve", "not_approve", adopting.pk)
    assert Resolution.objects.get(pk=resolution.pk).kind == "approve"  # the record as it was
    scenario.proposal.refresh_from_db()
    assert scenario.proposal.status == State.APPROVED  # a correction moves nothing

    # The minutes PDF, from the meeting page's link: the resolution as recorded and its correction.
    page.goto(f"{live_server.url}/reviews/meetings/{scenario.meeting.pk}/")
    expect(page.locator(".agenda-list")).to_contain_text("ไม่เห็นชอบ")
    href = page.get_by_role("link", name="รายงานการประชุม (PDF)").get_attribute("href")
    response = context.request.get(live_server.url + href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    (folder / "minutes.txt").write_text(text, encoding="utf-8")
    squeezed = re.sub(r"\s+", "", text)
    assert "มติเห็นชอบ:" in squeezed  # as recorded
    assert "“เห็นชอบ”→“ไม่เห็นชอบ”" in squeezed  # the correction beside it
    assert re.sub(r"\s+", "", REASON) in squeezed
    assert f"ครั้งที่{adopting.label}" in squeezed
    assert "มติที่แก้ไขแล้วไม่เห็นชอบ" in squeezed
    context.close()
