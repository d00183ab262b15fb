"""In Chromium: a new person sees the privacy notice in Thai at their first sign-in, accepts it,
downloads their data, asks for deletion; an officer deletes it from the queue. Screenshots go to
BROWSER_SCREENSHOTS (e.g. /tmp) as pdpa-*.png."""

import json

import pytest

from accounts.models import Membership, User
from privacy.defaults import FIRST_NOTICE
from privacy.models import Acknowledgement, DataRequest
from privacy.services import notice_publish
from tests.factories import StaffFactory, proponent
from tests.signin import sign_in, with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_new_person_accepts_downloads_asks_deletion_and_the_office_deletes(chromium, page, live_server,
                                                                             screenshot_dir):
    notice_publish(**FIRST_NOTICE)
    person = with_password(proponent(username="somsri", email="somsri@example.go.th", phone="081-234-5678",
                                         privacy_notice_accepted=False))
    base = live_server.url
    page.set_default_timeout(30_000)  # a shared, busy machine: the first page compiles the templates
    page.goto(f"{base}/accounts/login/?next=/accounts/organisation/")
    sign_in(page, "somsri")
    page.wait_for_url(f"{base}/privacy/?next=%2Faccounts%2Forganisation%2F")
    assert page.locator("h1").inner_text() == "ประกาศความเป็นส่วนตัว"
    assert page.get_by_text("เจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล (DPO) ของดีป้า").is_visible()
    page.screenshot(path=str(screenshot_dir / "pdpa-notice.png"), full_page=True)
    page.get_by_role("button", name="ข้าพเจ้าได้อ่านประกาศแล้วและยอมรับ").click()
    page.wait_for_url(f"{base}/accounts/organisation/")
    assert Acknowledgement.objects.get(user=person).accepted is True

    page.get_by_role("link", name="ข้อมูลของฉัน").click()
    page.wait_for_url(f"{base}/privacy/my-data/")
    with page.expect_download() as download:
        page.locator("#download-my-data").click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert data["sections"]["accounts.profile"]["email"] == "somsri@example.go.th"
    assert len(data["sections"]["privacy.sign_ins"]) == 1
    page.check("input[name=kind][value=deletion]")
    page.get_by_role("button", name="ส่งคำขอ").click()
    page.wait_for_url(f"{base}/privacy/my-data/")
    assert page.get_by_role("cell", name="ขอลบข้อมูลของฉัน").is_visible()
    page.screenshot(path=str(screenshot_dir / "pdpa-my-data.png"), full_page=True)

    with_password(StaffFactory(username="officer", privacy_notice_accepted=False))
    office = chromium.new_context(locale="th-TH", viewport={"width": 1280, "height": 900}).new_page()
    office.set_default_timeout(30_000)
    office.goto(f"{base}/accounts/login/?next=/privacy/requests/")
    sign_in(office, "officer")
    office.get_by_role("button", name="ข้าพเจ้าได้อ่านประกาศแล้วและยอมรับ").click()
    office.wait_for_url(f"{base}/privacy/requests/")
    office.screenshot(path=str(screenshot_dir / "pdpa-queue.png"), full_page=True)
    req = DataRequest.objects.get(user=person)
    office.get_by_role("link", name=str(req.pk), exact=True).click()
    office.get_by_role("button", name="ลบทันที").click()
    office.wait_for_url(f"{base}/privacy/requests/")
    assert office.get_by_text("ลบข้อมูลของบุคคลนี้แล้ว").is_visible()
    office.screenshot(path=str(screenshot_dir / "pdpa-deleted.png"), full_page=True)
    office.context.close()

    person.refresh_from_db()
    assert (person.username, person.email, person.phone, person.is_active) == (
        f"anonymised-{person.pk}", "", "", False)
    assert not Membership.objects.filter(user=person).exists()
    assert User.objects.filter(email="somsri@example.go.th").count() == 0
