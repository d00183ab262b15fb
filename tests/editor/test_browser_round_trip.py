"""Round trip of every field of every step of the editor, in Thai and in English, in Chromium.

Each step is typed as a person types it (Thai with its vowels and tone marks, several lines,
numbers with thousands separators, dates and years in the reader's calendar); the autosave
takes it; the page is opened again with nothing kept in the browser, and every box shows
exactly what was typed. One more keystroke autosaves every step again without losing a thing
(once, a date the box could not show was wiped that way). Then the proposal is handed in:
the frozen version 1 holds what was typed, and comparing it with the draft shows no change.
"""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from applications.enums import State
from applications.models import Proposal, current_year
from applications.versions import snapshot
from tests import paths
from tests.factories import ProposalFactory, proponent
from tests.signin import sign_in, with_password

from .test_browser_nothing_lost import is_autosave

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = current_year() + 4


def typed(lang):
    """Field id -> what is typed, step by step (the dates and years in the reader's calendar)."""
    be = 543 if lang == "th" else 0
    start, end = f"01/10/{2026 + be}", f"30/09/{2028 + be}"
    return {
        "area": {
            "id_name_th": "ขอนแก่นเมืองอัจฉริยะ ย่านศูนย์ราชการ",
            "id_name_en": "Khon Kaen Smart City: Government Quarter",
            "id_boundary_description": "ตำบลในเมือง อำเภอเมืองขอนแก่น\nถนนมิตรภาพ ถึง ถนนหน้าเมือง",
            "id_area_km2": "46.25",
            "id_population": "118,764",
            "id_vision": "เมืองน่าอยู่ ผู้สูงอายุปลอดภัย ก๊าซเรือนกระจกลดลง",
            "id_goals": "ลดการปล่อยก๊าซเรือนกระจกร้อยละ 20 ภายในปี 2570\nผู้ใช้ขนส่งสาธารณะเพิ่มเป็นสองเท่า",
        },
        "infrastructure": {
            "id_infrastructure_plan": "โครงข่ายใยแก้วนำแสง\nเซนเซอร์คุณภาพอากาศ ๑๒๐ จุด",
            "id_investment_plan": "เทศบาลลงทุนร้อยละ 40\nบริษัทพัฒนาเมืองร้อยละ 60",
            "id_total_budget_thb": "12,500,000.50",
        },
        "platform": {"id_data_platform": "แพลตฟอร์มข้อมูลเมืองแบบเปิด\nคุ้มครองข้อมูลส่วนบุคคลตาม PDPA"},
        "dimensions": {
            "id_ENV-summary": "ติดตามคุณภาพอากาศ\nและจัดการขยะอัจฉริยะ",
            "id_ENV-ini-0-title": "เซนเซอร์ PM2.5 ทั่วเมือง",
            "id_ENV-ini-0-description": "ติดตั้งตามโรงเรียนและโรงพยาบาล\nเปิดข้อมูลทุกชั่วโมง",
            "id_ENV-ini-0-budget_thb": "5,000,000.25",
            "id_ENV-ini-0-start_date": start,
            "id_ENV-ini-0-end_date": end,
            "id_ENV-ini-1-title": "ถังขยะอัจฉริยะ",
            "id_ENV-ini-1-description": "แจ้งเตือนเมื่อเต็ม",
            "id_ENV-ini-1-budget_thb": "2,500,000.25",
            "id_ENV-ini-1-start_date": start,
            "id_ENV-ini-1-end_date": end,
            "id_ENV-ind-0-baseline": "48.5",
            "id_ENV-ind-0-target": "1,250.75",
            "id_ENV-ind-0-target_year": str(YEAR + be),
            "id_MOB-summary": "รถโดยสารไฟฟ้าและข้อมูลการเดินทางแบบเรียลไทม์",
            "id_MOB-ini-0-title": "ระบบติดตามรถโดยสาร",
            "id_MOB-ini-0-description": "",
            "id_MOB-ini-0-budget_thb": "5,000,000",
            "id_MOB-ini-0-start_date": start,
            "id_MOB-ini-0-end_date": end,
            "id_MOB-ind-0-name": "ผู้ใช้รถโดยสารไฟฟ้าต่อวัน",
            "id_MOB-ind-0-unit": "คน",
            "id_MOB-ind-0-baseline": "3,500",
            "id_MOB-ind-0-target": "12,000",
            "id_MOB-ind-0-target_year": str(YEAR + be),
        },
        "management": {"id_management_model": "บริษัท ขอนแก่นพัฒนาเมือง จำกัด\nร่วมกับเทศบาล (PPP)"},
    }


CHECKED = {
    "area": ["#id_provinces input[value='40']", "#id_provinces input[value='50']",
             "input[name=city_type][value=livable]"],
    "dimensions": ["input[name=dimensions][value=ENV]", "input[name=dimensions][value=MOB]"],
}


@pytest.fixture
def writer_with_empty_draft():
    user = with_password(proponent(username="khonkaen.writer", first_name="สมหญิง", last_name="ใจงาม"))
    proposal = ProposalFactory(organisation=user.memberships.get().organisation, created_by=user,
                               name_th="ขอนแก่น", name_en="")
    paths.record_creation(proposal, by=user)
    return user, proposal


def settle(page):
    """Wait for the autosave of the last keystroke (htmx waits 1 s after typing), then forget the
    browser's own copy: what the page shows next comes from the server only."""
    page.wait_for_timeout(1500)
    page.wait_for_function("!document.querySelector('#step-form.htmx-request')")
    expect(page.locator("#save-status")).not_to_have_class("is-problem")
    page.evaluate("localStorage.clear()")


def fill_step(page, slug, values, standard_code):
    for selector in CHECKED.get(slug, []):
        page.locator(selector).check()
    if slug == "dimensions":
        page.locator("button[data-add='ENV-ini']").click()
        page.locator("#id_ENV-ind-0-indicator").select_option(standard_code)
    for field_id, value in values.items():
        page.locator(f"#{field_id}").fill(value)


def shown(page, slug, values):
    read = {field_id: page.locator(f"#{field_id}").input_value() for field_id in values}
    ticks = [page.locator(s).is_checked() for s in CHECKED.get(slug, [])]
    return read, ticks


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_field_comes_back_as_typed_and_is_handed_in_unchanged(lang, page, live_server, writer_with_empty_draft,
                                                                    screenshot_dir):
    user, proposal = writer_with_empty_draft
    base = live_server.url
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": base}])
    page.set_default_timeout(30_000)  # a long form on a busy CI machine
    sign_in(page, user.username, base_url=base)
    steps = typed(lang)
    standard = None

    for slug, values in steps.items():
        page.goto(f"{base}/proposals/{proposal.pk}/edit/{slug}/")
        if slug == "dimensions":
            standard = page.locator("#id_ENV-ind-0-indicator option").nth(1).get_attribute("value")
        fill_step(page, slug, values, standard)
        settle(page)
        page.reload()
        read, ticks = shown(page, slug, values)
        assert read == values, slug
        assert all(ticks), slug
        if slug == "dimensions":
            assert page.locator("#id_ENV-ind-0-indicator").input_value() == standard
        page.screenshot(path=str(screenshot_dir / f"round-trip-{lang}-{slug}.png"), full_page=True)

    row = Proposal.objects.get(pk=proposal.pk)
    assert (row.population, row.area_km2, row.total_budget_thb) == (118764, Decimal("46.25"), Decimal("12500000.50"))
    assert sorted(row.provinces.values_list("code", flat=True)) == ["40", "50"]
    initiatives = [i for plan in row.plans.order_by("dimension__order") for i in plan.initiatives.order_by("id")]
    assert [(i.budget_thb, i.start_date, i.end_date) for i in initiatives] == [
        (Decimal("5000000.25"), datetime.date(2026, 10, 1), datetime.date(2028, 9, 30)),
        (Decimal("2500000.25"), datetime.date(2026, 10, 1), datetime.date(2028, 9, 30)),
        (Decimal("5000000.00"), datetime.date(2026, 10, 1), datetime.date(2028, 9, 30)),
    ]
    indicators = [i for plan in row.plans.order_by("dimension__order") for i in plan.indicators.order_by("id")]
    assert [(i.baseline, i.target, i.target_year) for i in indicators] == [
        (Decimal("48.5"), Decimal("1250.75"), YEAR), (Decimal("3500"), Decimal("12000"), YEAR),
    ]
    saved = snapshot(row)

    # One keystroke on every step autosaves the whole step again: nothing moves.
    for slug in steps:
        page.goto(f"{base}/proposals/{proposal.pk}/edit/{slug}/")
        box = page.locator("#step-form textarea").first
        with page.expect_response(is_autosave) as again:
            box.press("End")
            box.press_sequentially(" ")
            box.press("Backspace")
        assert again.value.status == 200, slug
        settle(page)
    assert snapshot(Proposal.objects.get(pk=proposal.pk)) == saved

    # Handed in from the review step: version 1 is what was typed, and the draft equals it.
    page.goto(f"{base}/proposals/{proposal.pk}/edit/review/")
    page.locator("#confirm-handin").check()
    page.locator(".handin button[type=submit]").click()
    page.wait_for_url(f"{base}/proposals/{proposal.pk}/")
    row = Proposal.objects.get(pk=proposal.pk)
    assert row.status == State.SUBMITTED
    frozen = row.versions.get(number=1).snapshot
    assert frozen == saved
    area = typed("en")["area"]
    assert frozen["area"] == {
        "name_th": area["id_name_th"], "name_en": area["id_name_en"], "provinces": ["40", "50"],
        "boundary_description": area["id_boundary_description"], "area_km2": "46.25", "population": "118764",
        "city_type": "livable", "vision": area["id_vision"], "goals": area["id_goals"],
    }
    page.goto(f"{base}/proposals/{proposal.pk}/versions/compare/?from=1&to=current")
    sections = page.locator("section.diff-section")
    expect(sections).to_have_count(6)
    expect(sections.locator("p.no-change")).to_have_count(6)
    page.screenshot(path=str(screenshot_dir / f"round-trip-{lang}-compare.png"), full_page=True)
