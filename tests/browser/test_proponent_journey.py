"""A proponent signs in, reads the Thai portal, finds what its draft still lacks, and switches to English."""

from urllib.parse import urlsplit

import pytest

from applications.enums import State
from tests import paths
from tests.factories import ProposalFactory, proponent

PASSWORD = "Sm4rt-City-2565"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def draft():
    """A Chiang Mai municipality's draft with its area and vision written, the rest still to do."""
    user = proponent(username="chiangmai.officer", first_name="สมหญิง", last_name="ใจงาม")
    user.set_password(PASSWORD)
    user.save()
    organisation = user.memberships.get().organisation
    proposal = ProposalFactory(
        organisation=organisation, created_by=user, name_th="เมืองเชียงใหม่อัจฉริยะ",
        name_en="Chiang Mai Smart City", vision="เมืองน่าอยู่ เศรษฐกิจสร้างสรรค์", goals="ลดการปล่อยคาร์บอน",
        city_type="livable",
    )
    proposal.provinces.add(organisation.province)
    paths.record_creation(proposal, by=user)
    return user, proposal


def _fonts(page):
    """The status of each loaded font face, once the page's fonts have settled."""
    page.evaluate("document.fonts.ready.then(() => true)")
    return page.evaluate("[...document.fonts].map(f => [f.family.replaceAll('\"', ''), f.status])")


def _overflow(page):
    """How many CSS pixels the page is wider than the window (0 = nothing sticks out)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_proponent_journey_thai_then_english_remembered(page, live_server, draft, screenshot_dir):
    user, proposal = draft
    page.goto(f"{live_server.url}/accounts/login/?next=/")

    # Sign in through the form, in Thai.
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.locator("h1").inner_text() == "เข้าสู่ระบบ"
    page.get_by_label("ชื่อผู้ใช้").fill(user.username)
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="เข้าสู่ระบบ").click()

    # The Thai home page, with the proponent's own draft listed.
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.locator("h1").inner_text() == "การรับรองเมืองอัจฉริยะประเทศไทย"
    assert page.get_by_role("button", name="ออกจากระบบ (chiangmai.officer)").is_visible()
    row = page.locator("table tbody tr")
    assert row.count() == 1
    assert row.locator("td").nth(1).inner_text() == "เมืองเชียงใหม่อัจฉริยะ"
    assert row.locator(".state").inner_text() == "ฉบับร่าง"

    # Open the draft: the checklist says what is still missing before submission.
    page.get_by_role("link", name=proposal.reference).click()
    page.wait_for_url(f"{live_server.url}/proposals/{proposal.pk}/")
    assert page.locator("h1").inner_text() == "เมืองเชียงใหม่อัจฉริยะ"
    assert page.locator(".status-line .state").inner_text() == "ฉบับร่าง"
    assert page.locator("#checklist-h").inner_text() == "สิ่งที่ยังขาดก่อนยื่นข้อเสนอ"
    assert page.locator(".checklist li").all_inner_texts() == [
        "เกณฑ์ข้อ 1: ระบุขอบเขตของพื้นที่เป้าหมาย",
        "เกณฑ์ข้อ 1: ระบุขนาดพื้นที่เป็นตารางกิโลเมตร",
        "เกณฑ์ข้อ 2: จัดทำแผนโครงสร้างพื้นฐานและแผนการลงทุน",
        "เกณฑ์ข้อ 3: อธิบายการออกแบบแพลตฟอร์มข้อมูลเมือง",
        "เกณฑ์ข้อ 4: เสนอบริการอัจฉริยะอย่างน้อย 2 ด้าน (ขณะนี้มี 0 ด้าน)",
        "เกณฑ์ข้อ 4: ต้องเสนอด้านสิ่งแวดล้อมอัจฉริยะด้วย",
        "เกณฑ์ข้อ 5: อธิบายรูปแบบการบริหารจัดการ",
    ]
    # The submit button is there, and tells why it would be refused.
    submit = page.get_by_role("button", name="ยื่นข้อเสนอ", exact=True)
    assert submit.get_attribute("aria-describedby") == "why-submit"

    # The self-hosted Thai font is loaded, from our own server; nothing came from anywhere else.
    assert ["Noto Sans Thai", "loaded"] in _fonts(page)
    origin = urlsplit(live_server.url).netloc
    assert {urlsplit(url).netloc for url in page.requested_urls} == {origin}
    assert any("/static/fonts/noto-sans-thai/NotoSansThai" in url for url in page.requested_urls)

    # At 360 px wide nothing sticks out sideways.
    page.set_viewport_size({"width": 360, "height": 800})
    assert _overflow(page) == 0
    page.screenshot(path=str(screenshot_dir / "proposal-th-360.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    # Switch to English: the same page comes back in English.
    page.get_by_role("button", name="English").click()
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert page.url == f"{live_server.url}/proposals/{proposal.pk}/"
    assert page.locator("h1").inner_text() == "Chiang Mai Smart City"
    assert page.locator(".status-line .state").inner_text() == "Draft"
    assert page.locator("#checklist-h").inner_text() == "Still missing before submission"
    assert page.locator(".checklist li").first.inner_text() == "Criterion 1: describe the boundary of the target area."

    # Another page, freshly loaded: still English, remembered by the language cookie.
    page.get_by_role("link", name="Proposals", exact=True).click()
    page.wait_for_url(f"{live_server.url}/proposals/")
    page.reload()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Proposals"
    assert page.locator("table tbody tr .state").inner_text() == "Draft"
    assert {c["name"]: c["value"] for c in page.context.cookies()}["django_language"] == "en"
    assert proposal.status == State.DRAFT


def test_home_page_fits_360px_in_thai(page, live_server, screenshot_dir):
    """The public home page (no one signed in) in Thai on a small phone."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.locator("h1").inner_text() == "การรับรองเมืองอัจฉริยะประเทศไทย"
    assert page.locator("p.empty").inner_text() == "ไม่มีข้อเสนอที่จะแสดง"
    assert _overflow(page) == 0
    # The skip link is the first thing the keyboard reaches, and it shows itself.
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.bounding_box()["y"] >= 0
    page.screenshot(path=str(screenshot_dir / "home-th-360.png"), full_page=True)
