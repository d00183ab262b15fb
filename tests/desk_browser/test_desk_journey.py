"""The meeting desk in headless Chromium, in Thai: staff reach it from the admin, schedule a
meeting typing a Buddhist-Era date (17/12/2569 style), build and order its agenda, publish it,
postpone it (typing 17 ธ.ค. 2569 style), and cancel another meeting with a reason.

Screenshots go to /tmp/desk-*.png (looked at by hand; see the report)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from applications.enums import State
from core.thai import MONTHS_TH_SHORT, be_year
from notifications.kinds import Kind
from notifications.models import Notification
from reviews.meetings.services import meeting_create
from reviews.models import Body, Meeting
from tests.factories import BodyMembershipFactory, StaffFactory, UserFactory
from tests.paths import bring_to
from tests.signin import sign_in, with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLACE = "https://meet.depa.or.th/sub-2569"


def shot(page, name):
    page.screenshot(path=f"/tmp/desk-{name}.png", full_page=True)


def test_staff_schedule_build_publish_postpone_and_cancel_at_the_desk(chromium, live_server):
    body = Body.objects.get(kind="subcommittee")
    staff = with_password(StaffFactory(username="depa.desk", first_name="ศศิธร", last_name="วางแผนดี"))
    members = [BodyMembershipFactory(body=body, user=UserFactory(first_name=n), role=r,
                                     term_start=timezone.localdate() - datetime.timedelta(days=100)).user
               for n, r in (("ประเสริฐ", "chair"), ("ณัฐพล", "secretary"), ("วิภา", "member"))]
    first, second = bring_to(State.ON_AGENDA), bring_to(State.ON_AGENDA)
    when = timezone.localdate() + datetime.timedelta(days=20)
    typed = f"{when.day:02d}/{when.month:02d}/{be_year(when.year)}"

    context = chromium.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)  # a busy shared machine
    page = context.new_page()
    try:
        sign_in(page, staff.username, base_url=live_server.url)
        # From the admin's meetings to the desk.
        page.goto(f"{live_server.url}/admin/reviews/meeting/")
        page.get_by_role("link", name="โต๊ะงานการประชุม").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("โต๊ะงานการประชุม")
        page.get_by_role("link", name="นัดประชุม").click()

        # Schedule, typing the date as a Thai officer does.
        page.locator("#id_body").select_option(str(body.pk))
        page.locator("#id_held_at_0").fill(typed)
        page.locator("#id_held_at_1").fill("09:30")
        page.locator("#id_place").fill(PLACE)
        shot(page, "1-schedule")
        page.get_by_role("button", name="นัดประชุมและส่งหนังสือเชิญ").click()
        meeting = Meeting.objects.get()
        label = f"1/{be_year(when.year)}"
        assert (meeting.label, timezone.localtime(meeting.held_at).date()) == (label, when)
        expect(page.get_by_role("heading", level=1)).to_have_text(f"การประชุมครั้งที่ {label}")
        expect(page.locator(".meeting-when")).to_contain_text(f"{when.day} ")
        expect(page.locator(".meeting-when")).to_contain_text(str(be_year(when.year)))
        assert Notification.objects.filter(kind=Kind.MEETING_NOTICE).count() == 3

        # Build the agenda from the proposals waiting for the subcommittee, then order it.
        for proposal in (first, second):
            page.get_by_role("button", name=f"บรรจุเข้าระเบียบวาระ: {proposal.reference}").click()
        expect(page.locator(".desk-agenda li")).to_have_count(2)
        page.get_by_role("button", name=f"เลื่อนขึ้น: {second.reference}").click()
        expect(page.locator(".desk-agenda li").first).to_contain_text(second.reference)
        shot(page, "2-agenda")
        assert list(meeting.agenda.order_by("order").values_list("proposal", flat=True)) == [second.pk, first.pk]

        # Publish the agenda (a confirmation first: what is sent cannot be taken back).
        page.get_by_role("link", name="เผยแพร่ระเบียบวาระ").click()
        page.get_by_role("button", name="เผยแพร่ระเบียบวาระ").click()
        assert Notification.objects.filter(kind=Kind.AGENDA_PUBLISHED).count() == 3

        # Postpone by a week, typing the month's Thai abbreviation.
        page.goto(f"{live_server.url}/reviews/desk/meetings/{meeting.pk}/")
        page.get_by_role("link", name="เลื่อนการประชุม").click()
        later = when + datetime.timedelta(days=7)
        page.locator("#id_held_at_0").fill(f"{later.day} {MONTHS_TH_SHORT[later.month - 1]} {be_year(later.year)}")
        page.locator("#id_held_at_1").fill("13.30")
        page.locator("#id_reason").fill("ประธานติดภารกิจราชการ")
        shot(page, "3-postpone")
        page.get_by_role("button", name="เลื่อนการประชุมและแจ้งกรรมการ").click()
        expect(page.locator(".meeting-when")).to_contain_text("13:30")
        meeting.refresh_from_db()
        assert (meeting.label, timezone.localtime(meeting.held_at).date()) == (label, later)
        assert Notification.objects.filter(kind=Kind.MEETING_POSTPONED).count() == 3
        shot(page, "4-postponed")

        # Cancel another meeting of the body, with its reason; it stays, marked cancelled.
        other = meeting_create(body=body, held_at=timezone.now() + datetime.timedelta(days=30), place="ห้อง 901",
                               by=staff)
        page.goto(f"{live_server.url}/reviews/desk/meetings/{other.pk}/")
        page.get_by_role("link", name="ยกเลิกการประชุม").click()
        page.locator("#id_reason").fill("ไม่มีเรื่องเสนอพิจารณา")
        page.get_by_role("button", name="ยกเลิกการประชุมและแจ้งกรรมการ").click()
        expect(page.locator(".meeting-cancelled")).to_contain_text("ไม่มีเรื่องเสนอพิจารณา")
        shot(page, "5-cancelled")
        other.refresh_from_db()
        assert other.cancellation_reason == "ไม่มีเรื่องเสนอพิจารณา"
        assert set(Notification.objects.filter(kind=Kind.MEETING_CANCELLED).values_list("recipient", flat=True)) == {
            m.pk for m in members}

        page.goto(f"{live_server.url}/reviews/desk/meetings/")
        expect(page.locator(".desk-table tr.cancelled")).to_have_count(1)
        shot(page, "6-desk")
    finally:
        context.close()
