"""Keyboard only, in Chromium: a proponent writes a proposal through every step of the editor and
hands it in; a member votes and the chair closes the item. Tab and Shift+Tab, Enter, Space, the
arrows and typing: never a mouse click nor element.click(). Every control the focus passes through
shows it; after a refused save or vote the summary of what to fix takes the focus, is an alert,
and its links take the focus to the field at fault."""


import pytest

from applications.enums import State
from applications.models import Proposal
from reviews.models import Resolution, Vote
from tests import paths
from tests.factories import ProposalFactory, StaffFactory, proponent
from tests.signin import PASSWORD, with_password
from tests.voting.scenario import Item

from .keyboard import Keyboard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALERT = """() => { const el = document.activeElement;
  return {role: el.getAttribute('role'), id: el.id, cls: el.className,
          links: [...el.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href'))}; }"""


@pytest.fixture
def browser_page(chromium, live_server, screenshot_dir):
    context = chromium.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    page = context.new_page()
    yield page
    context.close()


def sign_in_by_keyboard(kb, base, username, next_url, password=PASSWORD):
    kb.page.goto(f"{base}/accounts/login/?next={next_url}")
    kb.fill("#id_username", username)
    kb.fill("#id_password", password)
    with kb.page.expect_navigation():
        kb.press("Enter")
    assert kb.page.url == base + next_url


def next_step(kb, slug):
    kb.submit_with("button[name=go][value=next]")
    assert kb.page.url.endswith(f"/edit/{slug}/"), kb.page.url


def shoot(page, name):
    import os

    folder = os.environ.get("A11Y_SHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, name), full_page=False)


def test_the_editor_is_completed_and_handed_in_by_keyboard(browser_page, live_server):
    page, base = browser_page, live_server.url
    user = with_password(proponent(username="keyboard.writer", first_name="สมชาย", last_name="แป้นพิมพ์"))
    draft = ProposalFactory(organisation=user.memberships.get().organisation, created_by=user,
                            name_th="ขอนแก่นเมืองอัจฉริยะ", name_en="")
    paths.record_creation(draft, by=user)
    kb = Keyboard(page)
    edit = f"/proposals/{draft.pk}/edit"
    sign_in_by_keyboard(kb, base, user.username, f"{edit}/area/")

    # Area: two wrong entries, Enter saves; nothing is kept and the summary of both takes the focus.
    kb.fill("#id_area_km2", "สี่สิบหก")
    kb.fill("#id_population", "-5")
    with page.expect_navigation():
        kb.press("Enter")
    alert = page.evaluate(ALERT)
    assert alert["id"] == "error-summary" and alert["role"] == "alert", alert
    assert alert["links"] == ["#id_area_km2", "#id_population"], alert
    shoot(page, "keyboard-editor-error-summary.png")
    # Its first link, followed with Enter, puts the focus in the field to fix.
    kb.tab_to("#error-summary a[href='#id_area_km2']")
    kb.press("Enter")
    assert kb.focused("#id_area_km2")["match"]
    kb.replace("46.25")
    kb.fill("#id_population", "118,764")
    kb.fill("#id_name_en", "Khon Kaen Smart City")
    kb.fill("#id_boundary_description", "ตำบลในเมือง อำเภอเมืองขอนแก่น\nถนนมิตรภาพ ถึง ถนนหน้าเมือง")
    # The province picker: type a name in its box, Tab to the one province left, Space ticks it.
    kb.tab_to("#id_provinces_find")
    kb.type("ขอนแก่น")
    kb.press("Tab")
    assert kb.focused("#id_provinces input[value='40']")["match"]
    kb.press("Space")
    # The city type: the radios are one stop; the arrows choose.
    kb.tab_to("input[name=city_type]")
    for _ in range(10):
        if page.locator("input[name=city_type][value=livable]").is_checked():
            break
        kb.press("ArrowDown")
    kb.fill("#id_vision", "เมืองน่าอยู่ ผู้สูงอายุปลอดภัย")
    kb.fill("#id_goals", "ลดการปล่อยก๊าซเรือนกระจกร้อยละ 20")
    next_step(kb, "infrastructure")

    kb.fill("#id_infrastructure_plan", "โครงข่ายใยแก้วนำแสง\nเซนเซอร์คุณภาพอากาศ ๑๒๐ จุด")
    kb.fill("#id_investment_plan", "เทศบาลลงทุนร้อยละ 40")
    kb.fill("#id_total_budget_thb", "12,500,000")
    next_step(kb, "platform")

    kb.fill("#id_data_platform", "แพลตฟอร์มข้อมูลเมืองแบบเปิด")
    next_step(kb, "dimensions")

    # Dimensions: Space ticks each, and its section opens; a row is added with its button.
    for code in ("ENV", "MOB"):
        kb.tab_to(f"input[name=dimensions][value={code}]")
        kb.press("Space")
    kb.fill("#id_ENV-summary", "ติดตามคุณภาพอากาศและจัดการขยะอัจฉริยะ")
    kb.tab_to("button[data-add='ENV-ini']")
    kb.press("Enter")
    row = int(page.locator("input[name='ENV-ini-TOTAL_FORMS']").input_value()) - 1
    assert kb.focused(f"#id_ENV-ini-{row}-title")["match"]  # the new row's first box has the focus
    kb.type("เซนเซอร์ PM2.5 ทั่วเมือง")
    kb.fill(f"#id_ENV-ini-{row}-budget_thb", "12,500,000")  # the initiatives add up to the total
    kb.fill("#id_MOB-summary", "รถโดยสารไฟฟ้าและข้อมูลการเดินทาง")
    next_step(kb, "management")

    kb.fill("#id_management_model", "บริษัท ขอนแก่นพัฒนาเมือง จำกัด")
    next_step(kb, "review")
    shoot(page, "keyboard-editor-review.png")

    # Hand-in: the button is refused without the confirmation; Space ticks it, Enter hands in.
    assert not page.locator(".handin #handin-why").count(), page.locator(".handin").inner_text()
    kb.tab_to("#confirm-handin")
    kb.press("Space")
    kb.submit_with(".handin button[type=submit]")
    assert page.url == f"{base}/proposals/{draft.pk}/"
    row = Proposal.objects.get(pk=draft.pk)
    assert row.status == State.SUBMITTED
    assert (row.population, str(row.area_km2), list(row.provinces.values_list("code", flat=True))) == (
        118764, "46.25", ["40"])
    assert sorted(row.plans.values_list("dimension__code", flat=True)) == ["ENV", "MOB"]
    assert kb.stops > 40
    assert kb.unseen == [], f"focus not shown on: {kb.unseen}"


def test_a_vote_is_cast_and_the_item_closed_by_keyboard(chromium, live_server):
    s = Item(members=3)
    member, chair = s.others[0], s.chair
    for user in (member, chair):
        with_password(user)
    base, item = live_server.url, s.item
    url = f"/reviews/items/{item.pk}/"

    def person():
        context = chromium.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(20_000)
        return context, Keyboard(context.new_page())

    # A member chooses "not approve" without the reasons: refused, the alert takes the focus and
    # links to the reasons box; typed there, the vote is cast.
    context, kb = person()
    sign_in_by_keyboard(kb, base, member.username, url)
    kb.tab_to(f"#choice-{item.pk}-approve")
    while not kb.page.locator(f"#choice-{item.pk}-not_approve").is_checked():
        kb.press("ArrowDown")
    kb.submit_with("form.vote-form button[type=submit]")
    kb.page.wait_for_function("document.activeElement.matches('.messages-refused')", timeout=5000)
    alert = kb.page.evaluate(ALERT)
    assert alert["role"] == "alert" and "messages-refused" in alert["cls"], alert
    assert alert["links"] == [f"#reason-{item.pk}"], alert
    shoot(kb.page, "keyboard-vote-refused.png")
    assert Vote.objects.count() == 0
    kb.tab_to(f".messages-refused a[href='#reason-{item.pk}']")
    kb.press("Enter")
    assert kb.focused(f"#reason-{item.pk}")["match"]
    kb.type("แผนการลงทุนยังไม่ระบุแหล่งเงิน")
    kb.tab_to("form.vote-form input[name=choice]", back=True)  # back up to the ballot, chosen again
    while not kb.page.locator(f"#choice-{item.pk}-not_approve").is_checked():
        kb.press("ArrowDown")
    kb.submit_with("form.vote-form button[type=submit]")
    assert list(Vote.objects.values_list("member_id", "choice")) == [(member.pk, "not_approve")]
    assert kb.page.locator("p.voted").count() == 1
    assert kb.unseen == [], f"focus not shown on: {kb.unseen}"
    context.close()

    # The chair votes, then closes: first without the confirmation (refused, focus on the alert),
    # then with it ticked by Space.
    context, kb = person()
    sign_in_by_keyboard(kb, base, chair.username, url)
    kb.tab_to(f"#choice-{item.pk}-approve")
    kb.press("Space")
    kb.submit_with("form.vote-form button[type=submit]")
    kb.fill(f"#text-{item.pk}", "ที่ประชุมเห็นชอบให้รับรอง")
    kb.tab_to(f"#confirm-close-{item.pk}")
    # The box is required in the page; a keyboard user who skips it is stopped by the browser, and
    # the server asks again: sent without it (as an old browser would), the alert links to it.
    kb.page.evaluate(f"document.getElementById('confirm-close-{item.pk}').required = false")
    kb.submit_with("form.close-form button[type=submit]")
    kb.page.wait_for_function("document.activeElement.matches('.messages-refused')", timeout=5000)
    alert = kb.page.evaluate(ALERT)
    assert alert["role"] == "alert" and alert["links"] == [f"#confirm-close-{item.pk}"], alert
    assert Resolution.objects.count() == 0
    kb.fill(f"#text-{item.pk}", "ที่ประชุมเห็นชอบให้รับรอง")
    kb.tab_to(f"#confirm-close-{item.pk}")
    kb.press("Space")
    kb.submit_with("form.close-form button[type=submit]")
    shoot(kb.page, "keyboard-item-closed.png")
    item.refresh_from_db()
    assert item.closed_at is not None and item.closed_by == chair
    assert Resolution.objects.get().text.startswith("ที่ประชุมเห็นชอบให้รับรอง")
    assert kb.unseen == [], f"focus not shown on: {kb.unseen}"
    context.close()


SWEEP = {
    None: ["/", "/register/", "/register/map/", "/verify/", "/privacy/", "/accounts/login/"],
    "staff": ["/reviews/desk/meetings/", "/admin/", "/admin/applications/proposal/",
              "/admin/applications/proposal/{pk}/change/"],
}


def test_the_focus_shows_on_every_stop_of_the_main_pages(chromium, live_server, settings):
    """Tab through each page from top to bottom (at most 120 stops): every stop shows the focus."""
    city = paths.bring_to(State.CERTIFIED, years_ago=1)
    staff = with_password(StaffFactory(username="keyboard.office"))
    base, unseen, stops = live_server.url, {}, 0
    for who, pages in SWEEP.items():
        context = chromium.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(20_000)
        kb = Keyboard(context.new_page())
        if who:
            sign_in_by_keyboard(kb, base, staff.username, "/")
        for path in pages:
            kb.page.goto(base + path.format(pk=city.pk))
            kb.unseen = []
            kb.sweep()
            if path == "/register/map/":
                kb.tab_to(".thailand-map a")
                shoot(kb.page, "keyboard-map-focus.png")
            if kb.unseen:
                unseen[path] = kb.unseen
        stops += kb.stops
        context.close()
    assert stops > 150
    assert unseen == {}
