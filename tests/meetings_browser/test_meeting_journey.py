"""A subcommittee meeting in headless Chromium, each person in their own signed-in browser:
staff schedule it in the admin (numbered N/B.E.-year, the on-agenda proposal on its agenda),
the secretary records attendance, the chair and members vote (one dissent with its
reasons), the chair closes the item, the proposal shows the resolution in its timeline,
and the minutes PDF, read back with pypdf, carries the meeting number, the resolution
and the dissent.

Screenshots of each step go to BROWSER_SCREENSHOTS (or a temporary folder), printed and
recorded in the test report as the ``screenshots`` property.
"""

import datetime
import io
import re
import time

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from applications.enums import State
from applications.models import Proposal
from core.thai import be_year
from reviews.models import Attendance, Body, Meeting, Vote
from tests.factories import BodyMembershipFactory, StaffFactory, UserFactory
from tests.paths import bring_to
from tests.signin import sign_in, with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLACE = "ห้องประชุม 901 อาคารดีป้า"
DISSENT = "งบประมาณด้านการเดินทางยังไม่สอดคล้องกับแผนแม่บท"


def person(username, first_name, last_name, **kwargs):
    factory = StaffFactory if kwargs.pop("staff", False) else UserFactory
    return with_password(factory(username=username, first_name=first_name, last_name=last_name, **kwargs))


def seat(body, user, role):
    return BodyMembershipFactory(body=body, user=user, role=role).user


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


class Browser:
    """One person in one browser profile (Thai), with numbered screenshots shared by all."""

    counter = [0]

    def __init__(self, chromium, base, folder, who):
        self.context = chromium.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
        self.context.set_default_timeout(10_000)
        self.page = self.context.new_page()
        self.base, self.folder, self.who = base, folder, who

    def go(self, path):
        response = self.page.goto(self.base + path)
        assert response.ok, f"{self.who}: {path} answered {response.status}"
        return response

    def shot(self, name):
        self.counter[0] += 1
        self.page.screenshot(path=str(self.folder / f"{self.counter[0]:02d}-{self.who}-{name}.png"), full_page=True)

    def sign_in(self, username):
        sign_in(self.page, username, base_url=self.base)
        expect(self.page.locator("html")).to_have_attribute("lang", "th")

    def message(self):
        return self.page.locator("main .messages")


@pytest.fixture
def browsers(chromium, live_server, screenshot_dir, record_property):
    folder = screenshot_dir / "meeting-journey"
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nScreenshots: {folder}")
    record_property("screenshots", str(folder))
    made = []
    Browser.counter[0] = 0

    def make(who):
        b = Browser(chromium, live_server.url, folder, who)
        made.append(b)
        return b

    yield make
    for b in made:
        b.context.close()


def test_meeting_vote_close_and_minutes(browsers, record_property):
    started = time.monotonic()
    body = Body.objects.get(kind="subcommittee")
    staff = person("depa.meetings", "ศศิธร", "วางแผนดี", staff=True)
    chair = seat(body, person("sub.chair", "ประเสริฐ", "จันทรรวงทอง"), "chair")
    secretary = seat(body, person("sub.secretary", "ณัฐพล", "นิยมสุข"), "secretary")
    members = [
        seat(body, person(f"sub.member{i}", first, last), "member")
        for i, (first, last) in enumerate([("วิภา", "ศรีสุข"), ("อนันต์", "ทองดี"), ("กมล", "แก้วใส")], 1)
    ]
    proposal = bring_to(State.ON_AGENDA)
    assert not proposal.agenda_items.exists()  # on the subcommittee's list, on no meeting yet

    held = timezone.localtime() + datetime.timedelta(days=5)
    year = be_year(held.year)
    label = f"1/{year}"

    # 1. Staff schedule the meeting in the admin, with the proposal on its agenda.
    office = browsers("staff")
    office.sign_in(staff.username)
    office.go("/admin/reviews/meeting/add/")
    page = office.page
    page.locator("#id_body").select_option(str(body.pk))
    page.locator("#id_held_at_0").fill(held.strftime("%Y-%m-%d"))
    page.locator("#id_held_at_1").fill("09:30:00")
    page.locator("#id_place").fill(PLACE)
    page.locator("#agenda-group .add-row a").click()
    row = page.locator("#agenda-group tr.dynamic-agenda").first
    row.locator("input[name$='-order']").fill("1")
    row.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill(proposal.name_th)
    page.locator(".select2-results__option", has_text=proposal.name_th).click()
    office.shot("admin-add-meeting")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    meeting = Meeting.objects.get()
    assert (meeting.number, meeting.year_be, meeting.created_by) == (1, year, staff)
    assert list(meeting.agenda.values_list("proposal", flat=True)) == [proposal.pk]
    assert re.fullmatch(r"1/25\d\d", meeting.label) and meeting.label == label
    expect(page.locator(".field-label .readonly")).to_have_text(label)
    office.shot("admin-meeting-saved")
    item = meeting.agenda.get()

    # The Office's view of the meeting page shows the number, the date and the agenda.
    office.go(f"/reviews/meetings/{meeting.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"การประชุมครั้งที่ {label}")
    expect(page.locator(".agenda-list")).to_contain_text(proposal.name_th)

    # The day comes: the meeting started an hour ago (attendance, votes and the close come from its start).
    Meeting.objects.filter(pk=meeting.pk).update(held_at=timezone.now() - datetime.timedelta(hours=1))

    # 2. The secretary records the chair and the three members present (and leaves themself absent).
    sec = browsers("secretary")
    sec.sign_in(secretary.username)
    sec.page.get_by_role("link", name="การประชุมของฉัน").first.click()
    sec.page.get_by_role("link", name=f"ครั้งที่ {label}").click()
    sec.page.get_by_role("link", name="บันทึกผู้มาประชุม").click()
    for user in (chair, *members):
        sec.page.get_by_label(user.get_full_name()).check()
    sec.shot("attendance")
    sec.page.get_by_role("button", name="บันทึกผู้มาประชุม").click()
    expect(sec.page.locator(".roll-present")).to_have_count(4)
    sec.shot("attendance-recorded")
    assert set(Attendance.objects.filter(meeting=meeting, present=True).values_list("member", flat=True)) == {
        chair.pk, *(m.pk for m in members)
    }

    # 3. Each member and the chair: My meetings → the meeting → the item → vote.
    ballots = [(members[0], "เห็นชอบ", ""), (members[1], "ไม่เห็นชอบ", DISSENT), (members[2], "เห็นชอบ", ""),
               (chair, "เห็นชอบ", "")]
    chair_browser = None
    for n, (user, choice, reason) in enumerate(ballots, 1):
        b = browsers("chair" if user == chair else f"member{n}")
        b.sign_in(user.username)
        b.page.get_by_role("link", name="การประชุมของฉัน").first.click()
        b.page.get_by_role("link", name=f"ครั้งที่ {label}").click()
        b.page.get_by_role("link", name=re.compile(re.escape(proposal.name_th))).click()
        expect(b.page).to_have_url(re.compile(rf"/reviews/items/{item.pk}/"))
        form = b.page.locator("form.vote-form")
        form.get_by_label(choice, exact=True).check()
        if reason:
            form.get_by_label("เหตุผล", exact=True).fill(reason)
        if n in (2, 4):
            b.shot("ballot")
        form.get_by_role("button", name="ยืนยันการออกเสียง").click()
        expect(b.message()).to_contain_text(choice)
        expect(b.page.locator("p.voted")).to_contain_text(choice)
        if user == chair:
            chair_browser = b
    assert Vote.objects.filter(agenda_item=item).count() == 4

    # 4. The chair sees the tally and closes the item; the page shows the resolution.
    page = chair_browser.page
    expect(page.locator("table.tally tr.tally-approve td")).to_have_text("3")
    expect(page.locator("table.tally tr.tally-not_approve td")).to_have_text("1")
    expect(page.locator(".quorum")).to_contain_text("ครบองค์ประชุม")
    expect(page.locator("#voting")).to_contain_text(DISSENT)
    chair_browser.shot("tally-before-close")
    page.get_by_label("ข้าพเจ้าเข้าใจว่าการปิดวาระจะบันทึกมติและย้อนกลับไม่ได้").check()
    page.get_by_role("button", name="ปิดวาระและบันทึกมติ").click()
    expect(chair_browser.message()).to_contain_text("เห็นชอบ")
    expect(page.locator(".voting-closed .resolution-approve")).to_have_text("เห็นชอบ")
    expect(page.locator(".status-line")).to_contain_text("คณะอนุกรรมการเห็นชอบ")
    expect(page.locator("form.close-form")).to_have_count(0)
    chair_browser.shot("item-closed")

    proposal = Proposal.objects.get(pk=proposal.pk)
    assert proposal.status == State.APPROVED
    item.refresh_from_db()
    assert item.closed_by == chair and item.resolution.kind == "approve"

    # The proposal page, as the Office: approved, and the timeline entry names the meeting.
    office.go(f"/proposals/{proposal.pk}/")
    expect(office.page.locator(".state").first).to_contain_text("คณะอนุกรรมการเห็นชอบ")
    entry = office.page.locator("ol.timeline li").filter(has_text=f"ครั้งที่ {label}")
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text("คณะอนุกรรมการเห็นชอบ")
    expect(entry).to_contain_text(body.name_th)
    office.shot("proposal-approved")

    # 5. The minutes PDF, from the meeting page's link, fetched with the chair's session.
    chair_browser.go(f"/reviews/meetings/{meeting.pk}/")
    link = page.get_by_role("link", name="รายงานการประชุม (PDF)")
    response = chair_browser.context.request.get(chair_browser.base + link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    (office.folder / "minutes.pdf").write_bytes(response.body())
    (office.folder / "minutes.txt").write_text(text, encoding="utf-8")
    squeezed = re.sub(r"\s+", "", text)
    assert f"การประชุมครั้งที่ {label}" in text
    assert "มติเห็นชอบ:" in squeezed  # the resolution, not only a ballot column
    dissenter = members[1].first_name + members[1].last_name
    assert f"{dissenter}ลงมติ“ไม่เห็นชอบ”:" + re.sub(r"\s+", "", DISSENT) in squeezed

    elapsed = time.monotonic() - started
    record_property("seconds", round(elapsed, 1))
    print(f"Meeting journey took {elapsed:.1f}s; screenshots in {office.folder}")
