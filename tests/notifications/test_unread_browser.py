"""In headless Chromium, two people each in their own browser: staff start screening a proposal,
the proponent sees the unread count in the header go up, opens the list, marks the message read,
and the count goes away. The header badge is checked (and photographed) at 1280 and 360 px.
"""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from applications.enums import State
from notifications.models import Notification
from tests import paths
from tests.factories import StaffFactory
from tests.signin import sign_in, with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOLD = "rgb(212, 160, 23)"  # --gold: the badge in the header, like the header's rule


def _signed_in(chromium, base, username, width=1280):
    """A browser profile of its own, signed in."""
    context = chromium.new_context(locale="th-TH", viewport={"width": width, "height": 800})
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page, username, base_url=base)
    return context, page


def _overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_unread_count_goes_up_on_a_move_and_away_when_read(chromium, live_server, screenshot_dir, tasks_in_process):
    proposal = paths.bring_to(State.SUBMITTED)
    proponent = with_password(proposal.organisation.memberships.get().user)
    Notification.objects.filter(recipient=proponent).update(read_at=timezone.now())  # what came before: read
    staff = with_password(StaffFactory(username="depa.screening"))
    base = live_server.url
    contexts = []
    try:
        context, mine = _signed_in(chromium, base, proponent.username)
        contexts.append(context)
        badge = mine.locator("header.site .notifications-link .badge")
        expect(mine.locator("header.site .notifications-link")).to_have_text("การแจ้งเตือน")
        expect(badge).to_have_count(0)

        # Staff start screening from the proposal's page.
        context, office = _signed_in(chromium, base, staff.username)
        contexts.append(context)
        office.goto(f"{base}/proposals/{proposal.pk}/")
        office.locator("form.move-screen button[type=submit]").click()
        expect(office.locator("main .messages")).to_contain_text("ดำเนินการแล้ว: เริ่มตรวจสอบเอกสาร")

        # The proponent's next page shows one unread, in words for a screen reader too.
        mine.reload()
        expect(badge).to_have_text("1 ยังไม่ได้อ่าน")
        expect(badge.locator(".visually-hidden")).to_have_text("ยังไม่ได้อ่าน")
        assert badge.evaluate("e => getComputedStyle(e).backgroundColor") == GOLD
        for width in (1280, 360):
            mine.set_viewport_size({"width": width, "height": 800})
            box, header = badge.bounding_box(), mine.locator("header.site").bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, width
            assert header["y"] <= box["y"] and box["y"] + box["height"] <= header["y"] + header["height"], width
            assert box["height"] < 30, width  # a pill beside the word, not a block
            assert _overflow(mine) == 0, width
            mine.locator("header.site").screenshot(path=str(screenshot_dir / f"unread-badge-{width}.png"))
        mine.set_viewport_size({"width": 1280, "height": 800})

        # The list: the new message first, marked new; marking it read takes the count away.
        mine.locator("header.site .notifications-link").click()
        mine.wait_for_url(f"{base}/notifications/")
        unread = mine.locator("ul.notifications li.unread")
        expect(unread).to_have_count(1)
        expect(unread.locator(".badge")).to_have_text("ใหม่")
        expect(unread).to_contain_text(proposal.reference)
        mine.screenshot(path=str(screenshot_dir / "unread-inbox.png"), full_page=True)
        unread.get_by_role("button", name="ทำเครื่องหมายว่าอ่านแล้ว").click()
        mine.wait_for_url(f"{base}/notifications/")
        expect(mine.locator("ul.notifications li.unread")).to_have_count(0)
        expect(badge).to_have_count(0)
        assert not Notification.objects.filter(recipient=proponent, in_app=True, read_at__isnull=True).exists()
    finally:
        for context in contexts:
            context.close()
