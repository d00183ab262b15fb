"""Issue 15 in headless Chromium, in Thai, each person in their own signed-in browser: the secretary
opens the meeting; the chair and four members join, each re-typing their password (one in the room,
four online), the chair opens an open vote on the first item and a secret one on the second; all five
vote (one dissent with its reasons); the chair closes each item with the resolution's text; the Office
downloads the evidence pack, whose SHA-256 manifest checks out, and the minutes PDF in it reads back
in Thai and says the meeting was held under the Emergency Decree on Electronic Meetings B.E. 2563.

Screenshots go to BROWSER_SCREENSHOTS (or a temporary folder), recorded as ``screenshots``.
"""

import datetime
import hashlib
import re
import zipfile

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from applications.enums import State
from reviews.models import AgendaItem, AttendanceEvent, Body, SecretBallot, SecretParticipation, Vote
from tests import paths
from tests.meetings_browser.test_meeting_journey import Browser, pdf_text, person, seat
from tests.signin import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DISSENT = "แผนการลงทุนยังไม่ระบุแหล่งเงินของโครงการระยะที่สอง"
FIRST_TEXT = "ที่ประชุมเห็นชอบให้รับรองเป็นพื้นที่เมืองอัจฉริยะ"
SECOND_TEXT = "ที่ประชุมเห็นชอบโดยการลงคะแนนลับ และให้ฝ่ายเลขานุการแจ้งผู้ยื่นข้อเสนอ"
DECREE = "พระราชกำหนดว่าด้วยการประชุมผ่านสื่ออิเล็กทรอนิกส์ พ.ศ. 2563"


@pytest.fixture
def browsers(chromium, live_server, screenshot_dir, record_property):
    folder = screenshot_dir / "run-journey"
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


def test_secretary_opens_five_identify_and_vote_chair_closes_evidence_checks_out(browsers):
    body = Body.objects.get(kind="subcommittee")
    staff = person("depa.office", "ศศิธร", "วางแผนดี", staff=True)
    chair = seat(body, person("sub.chair", "ประเสริฐ", "จันทรรวงทอง"), "chair")
    secretary = seat(body, person("sub.secretary", "ณัฐพล", "นิยมสุข"), "secretary")
    names = [("วิภา", "ศรีสุข"), ("อนันต์", "ทองดี"), ("กมล", "แก้วใส"), ("สุดา", "ใจงาม")]
    members = [seat(body, person(f"sub.member{i}", f, last), "member") for i, (f, last) in enumerate(names, 1)]
    meeting = paths.meeting("subcommittee", timezone.now() - datetime.timedelta(minutes=20))
    first, second = (AgendaItem.objects.create(meeting=meeting, proposal=paths.bring_to(State.ON_AGENDA), order=n)
                     for n in (1, 2))
    meeting_url, label = f"/reviews/meetings/{meeting.pk}/", meeting.label

    # 1. The secretary opens the meeting from its page.
    sec = browsers("secretary")
    sec.sign_in(secretary.username)
    sec.go(meeting_url)
    sec.page.get_by_role("button", name="เปิดการประชุม").click()
    expect(sec.message()).to_contain_text("เปิดการประชุมแล้ว")
    expect(sec.page.locator(".sitting-open")).to_contain_text("เปิดการประชุมเวลา")
    sec.shot("meeting-opened")

    # 2. Each of the five joins, re-typing their password; a wrong one first is refused.
    people = {}
    for n, user in enumerate([chair, *members]):
        b = browsers("chair" if user == chair else f"member{n}")
        b.sign_in(user.username)
        b.go(meeting_url)
        b.page.get_by_role("link", name="เข้าร่วมประชุม").click()
        b.page.get_by_label("ในห้องประชุม" if n == 2 else "ผ่านสื่ออิเล็กทรอนิกส์").check()
        if n == 1:
            b.page.get_by_label("รหัสผ่านของท่าน").fill("ผิดรหัส")
            b.page.get_by_role("button", name="ยืนยันและเข้าร่วมประชุม").click()
            expect(b.page.locator(".join-form")).to_contain_text("รหัสผ่านไม่ถูกต้อง")
            b.shot("join-wrong-password")
            b.page.get_by_label("ผ่านสื่ออิเล็กทรอนิกส์").check()
        b.page.get_by_label("รหัสผ่านของท่าน").fill(PASSWORD)
        if n == 0:
            b.shot("join")
        b.page.get_by_role("button", name="ยืนยันและเข้าร่วมประชุม").click()
        expect(b.message()).to_contain_text("ท่านเข้าร่วมการประชุมแล้ว")
        expect(b.page.locator(".joined-mark")).to_be_visible()
        people[user.pk] = b
    assert AttendanceEvent.objects.filter(meeting=meeting, kind="joined").count() == 5
    chair_b = people[chair.pk]
    chair_b.go(meeting_url)
    expect(chair_b.page.locator(".sitting-open")).to_contain_text("ขณะนี้มีกรรมการในที่ประชุม 5 คน")
    chair_b.shot("five-joined")

    # 3. The chair opens an open vote on the first item and a secret one on the second.
    chair_b.go(f"/reviews/items/{first.pk}/")
    chair_b.page.get_by_label("ลงคะแนนโดยเปิดเผย").check()
    chair_b.page.get_by_role("button", name="เปิดการลงคะแนน").click()
    expect(chair_b.message()).to_contain_text("เปิดลงคะแนนแล้ว")
    chair_b.go(f"/reviews/items/{second.pk}/")
    chair_b.page.get_by_label("ลงคะแนนลับ", exact=True).check()
    chair_b.page.get_by_role("button", name="เปิดการลงคะแนน").click()
    expect(chair_b.page.locator(".ballot-kind")).to_contain_text("ลงคะแนนลับ")
    chair_b.shot("secret-vote-opened")

    # 4. All five vote on both: the first openly (one dissent), the second in secret.
    open_choices = ["เห็นชอบ", "เห็นชอบ", "ไม่เห็นชอบ", "เห็นชอบ", "เห็นชอบ"]
    secret_choices = ["เห็นชอบ", "ไม่เห็นชอบ", "เห็นชอบ", "งดออกเสียง", "เห็นชอบ"]
    for n, user in enumerate([chair, *members]):
        b = people[user.pk]
        b.go(f"/reviews/items/{first.pk}/")
        form = b.page.locator("form.vote-form")
        form.get_by_label(open_choices[n], exact=True).check()
        if open_choices[n] == "ไม่เห็นชอบ":
            form.get_by_label("เหตุผล", exact=True).fill(DISSENT)
        form.get_by_role("button", name="ยืนยันการออกเสียง").click()
        expect(b.page.locator("p.voted")).to_contain_text(open_choices[n])
        b.go(f"/reviews/items/{second.pk}/")
        form = b.page.locator("form.vote-form")
        expect(form.locator("textarea[name=reason]")).to_have_count(0)  # no reasons: they would tell who
        form.get_by_label(secret_choices[n], exact=True).check()
        if n == 3:
            b.shot("secret-ballot")
        form.get_by_role("button", name="ยืนยันการออกเสียง").click()
        expect(b.message()).to_contain_text("บันทึกการลงคะแนนลับของท่านแล้ว")
        expect(b.message()).not_to_contain_text(secret_choices[n])
        expect(b.page.locator("p.voted-secret")).to_be_visible()
    assert Vote.objects.filter(agenda_item=first).count() == 5
    assert Vote.objects.filter(agenda_item=second).count() == 0
    assert SecretParticipation.objects.filter(agenda_item=second).count() == 5
    assert sorted(SecretBallot.objects.filter(agenda_item=second).values_list("choice", flat=True)) == [
        "abstain", "approve", "approve", "approve", "not_approve"]

    # 5. The secret ballot can no longer be made open: refused, with the reason.
    chair_b.go(f"/reviews/items/{second.pk}/")
    expect(chair_b.page.locator("form.chair-form")).to_have_count(0)

    # 6. The chair closes each item with the resolution's text.
    for item, text in ((first, FIRST_TEXT), (second, SECOND_TEXT)):
        chair_b.go(f"/reviews/items/{item.pk}/")
        page = chair_b.page
        expect(page.locator(".quorum")).to_contain_text("ครบองค์ประชุม")
        page.get_by_label("ข้อความของมติ").fill(text)
        page.get_by_label("ข้าพเจ้าเข้าใจว่าการปิดวาระจะบันทึกมติและย้อนกลับไม่ได้").check()
        if item == second:
            chair_b.shot("close-secret-item")
        page.get_by_role("button", name="ปิดวาระและบันทึกมติ").click()
        expect(page.locator(".voting-closed .resolution-approve")).to_have_text("เห็นชอบ")
        expect(page.locator(".resolution-text")).to_contain_text(text)
    chair_b.shot("closed")

    # 7. The Office downloads the evidence pack: every hash in the manifest checks out.
    office = browsers("office")
    office.sign_in(staff.username)
    office.go(meeting_url)
    link = office.page.get_by_role("link", name="ชุดหลักฐานการประชุม (ZIP)")
    office.shot("meeting-page")
    with office.page.expect_download() as download:
        link.click()
    path = download.value.path()
    archive = zipfile.ZipFile(path)
    (office.folder / "evidence.zip").write_bytes(open(path, "rb").read())
    lines = archive.read("MANIFEST.sha256").decode().splitlines()
    assert len(lines) == len(archive.namelist()) - 2
    for line in lines:
        digest, name = line.split("  ", 1)
        assert hashlib.sha256(archive.read(name)).hexdigest() == digest, name
    secret_file = archive.read("votes/item-2.csv").decode("utf-8-sig")
    assert "เห็นชอบ,3" in secret_file and "ไม่เห็นชอบ,1" in secret_file
    assert DISSENT in archive.read("dissents.csv").decode("utf-8-sig")

    # 8. The minutes PDF in the pack reads back in Thai.
    text = pdf_text(archive.read("minutes.pdf"))
    (office.folder / "minutes.txt").write_text(text, encoding="utf-8")
    flat = re.sub("(?<=\u0e33)7", "", text.replace("\u200b", "")).replace("\n", "")
    assert f"การประชุมครั้งที่ {label}" in flat
    assert DECREE in flat
    assert re.sub(r"\s+", "", FIRST_TEXT) in re.sub(r"\s+", "", flat)
    assert "ลงคะแนนลับ" in flat
