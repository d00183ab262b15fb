"""Nothing typed is lost: the session ends while writing, the typing waits on the computer,
and after signing in again it is back in the field and saved."""

from urllib.parse import urlsplit

import pytest
from django.contrib.sessions.models import Session

from applications.models import Proposal
from tests.signin import sign_in

STEPS = ["area", "infrastructure", "platform", "dimensions", "management", "review"]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shoot(page, folder, name):
    """The whole page, and for long pages also its parts one screen high (easier to look at)."""
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    width, height = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    screen = 2 * width if width < 600 else 1000
    for n, top in enumerate(range(0, height, screen)):
        if height > screen:
            clip = {"x": 0, "y": top, "width": width, "height": min(screen, height - top)}
            page.screenshot(path=str(folder / f"{name}-part{n + 1}.png"), full_page=True, clip=clip)


def is_autosave(response):
    return "/autosave/" in response.url


def test_typing_survives_an_ended_session(page, live_server, writer_and_draft, screenshot_dir):
    user, proposal = writer_and_draft
    step_url = f"{live_server.url}/proposals/{proposal.pk}/edit/area/"
    storage_key = f"smartcity:draft:{user.pk}:{proposal.pk}:area"

    page.goto(f"{live_server.url}/accounts/login/?next=/proposals/{proposal.pk}/edit/area/")
    sign_in(page, user.username)
    page.wait_for_url(step_url)
    assert page.locator(".live-checklist li").all_inner_texts() == ["เกณฑ์ข้อ 1: ระบุวิสัยทัศน์และเป้าหมาย"]

    # Typing autosaves: the whole step is valid, so it goes straight into the proposal.
    vision = page.locator("#id_vision")
    with page.expect_response(is_autosave) as first:
        vision.press_sequentially("เมืองน่าอยู่")
    assert first.value.status == 200
    assert Proposal.objects.get(pk=proposal.pk).vision == "เมืองน่าอยู่"
    page.locator("#save-status").filter(has_text="บันทึกแล้ว").wait_for()
    assert page.locator("#checklist h2").inner_text() == "ไม่มีสิ่งใดขาดแล้ว"
    assert page.evaluate(f"localStorage.getItem('{storage_key}')") is None

    # The session ends (signed out elsewhere, or timed out) while the person keeps typing.
    Session.objects.all().delete()
    vision.press("End")
    with page.expect_response(is_autosave) as refused:
        vision.press_sequentially(" ปลอดภัย ยั่งยืน")
    assert refused.value.status == 401
    ended = page.locator("#session-ended")
    ended.wait_for(state="visible")
    assert "สิ่งที่คุณพิมพ์ถูกเก็บไว้ในเครื่องนี้" in ended.inner_text()
    assert page.locator("#save-status").inner_text() == (
        "ยังไม่ได้บันทึก: หมดเวลาการใช้งาน กรุณาเข้าสู่ระบบอีกครั้ง สิ่งที่พิมพ์ไว้ถูกเก็บไว้ในเครื่องนี้"
    )
    kept = page.evaluate(f"JSON.parse(localStorage.getItem('{storage_key}'))")
    assert kept["data"]["vision"] == ["เมืองน่าอยู่ ปลอดภัย ยั่งยืน"]
    assert Proposal.objects.get(pk=proposal.pk).vision == "เมืองน่าอยู่"
    page.screenshot(path=str(screenshot_dir / "editor-session-ended-1280.png"), full_page=True)

    # Sign in again from the message; back on the step, the full text is there and is saved.
    ended.get_by_role("link").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/**")
    with page.expect_response(is_autosave) as restored:
        sign_in(page, user.username)
        page.wait_for_url(step_url)
        assert page.locator("#id_vision").input_value() == "เมืองน่าอยู่ ปลอดภัย ยั่งยืน"
        page.locator("#local-restored").wait_for(state="visible")
    assert restored.value.status == 200
    assert Proposal.objects.get(pk=proposal.pk).vision == "เมืองน่าอยู่ ปลอดภัย ยั่งยืน"
    page.wait_for_function(f"localStorage.getItem('{storage_key}') === null")

    # Opened once more: nothing to bring back, the saved text is simply there.
    page.reload()
    assert page.locator("#id_vision").input_value() == "เมืองน่าอยู่ ปลอดภัย ยั่งยืน"
    assert page.locator("#local-restored").is_hidden()

    # Every step at 360 px and 1280 px, without sideways overflow, and nothing from other sites.
    for width, height in ((1280, 900), (360, 800)):
        page.set_viewport_size({"width": width, "height": height})
        for step in STEPS:
            page.goto(f"{live_server.url}/proposals/{proposal.pk}/edit/{step}/")
            assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") == 0, (step, width)
            shoot(page, screenshot_dir, f"editor-{step}-{width}")
        page.goto(f"{live_server.url}/")
        shoot(page, screenshot_dir, f"dashboard-{width}")
        page.goto(f"{live_server.url}/proposals/{proposal.pk}/")
        shoot(page, screenshot_dir, f"proposal-{width}")
    origin = urlsplit(live_server.url).netloc
    assert {urlsplit(url).netloc for url in page.requested_urls} == {origin}
    print(f"\nScreenshots: {screenshot_dir}")
