"""The proponent's journey as steps a person takes in the browser, in either language.

Each function drives one real page through its real controls (found by stable
ids and names) and checks what the page says with texts read from the
translation catalogue in the journey's language (:mod:`tests.journey.texts`).
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.text import capfirst
from playwright.sync_api import Page, expect

from applications.enums import Action, AttachmentKind
from applications.models import ProgrammeSettings, current_year
from tests import signin

from .texts import Texts

THAI_DATE = re.compile(
    r"^\d{1,2} (มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม) "
    r"25\d\d$"
)


# --- What the officer writes ------------------------------------------------------------------

@dataclass(frozen=True)
class Proposal:
    working_name: str = "ขอนแก่นเมืองอัจฉริยะ"
    name_th: str = "ขอนแก่นเมืองอัจฉริยะ ย่านใจกลางเมือง"
    name_en: str = "Khon Kaen Smart City: City Centre"
    provinces: tuple = ("40",)
    boundary: str = "ตำบลในเมือง อำเภอเมืองขอนแก่น ทั้งตำบล ตามแผนที่แนบ"
    area_km2: str = "46.0"
    population: str = "113754"
    city_type: str = "livable"
    vision: str = "เมืองน่าอยู่ สิ่งแวดล้อมดี เศรษฐกิจสร้างสรรค์ภายในปี 2570"
    revised_vision: str = "เมืองน่าอยู่ คาร์บอนต่ำ เศรษฐกิจสร้างสรรค์ภายในปี 2570"
    goals: str = "ลดการปล่อยก๊าซเรือนกระจกร้อยละ 20 ภายในปี 2570\nผู้ใช้ขนส่งสาธารณะเพิ่มเป็นสองเท่า"
    infrastructure: str = "โครงข่ายใยแก้วนำแสงและเซนเซอร์คุณภาพอากาศทั่วเขตเทศบาล"
    investment: str = "เทศบาลลงทุนร้อยละ 40 บริษัทพัฒนาเมืองร้อยละ 60 ระหว่างปี 2569-2571"
    total_budget: str = "5,000,000"
    platform: str = "แพลตฟอร์มข้อมูลเมืองแบบเปิด เชื่อมข้อมูลจราจร อากาศ และขยะ คุ้มครองข้อมูลส่วนบุคคลตาม PDPA"
    management: str = "บริษัท ขอนแก่นพัฒนาเมือง จำกัด ร่วมกับเทศบาล (รูปแบบ PPP)"
    # Per dimension: summary, initiatives (title, budget), indicator (standard or own name, unit, baseline, target).
    env_summary: str = "ติดตามคุณภาพอากาศและจัดการขยะอัจฉริยะ"
    env_initiatives: tuple = (("เซนเซอร์ PM2.5 ทั่วเมือง", "2,000,000"), ("ถังขยะอัจฉริยะ", "1,000,000"))
    mob_summary: str = "รถโดยสารไฟฟ้าและข้อมูลการเดินทางแบบเรียลไทม์"
    mob_initiatives: tuple = (("ระบบติดตามรถโดยสาร", "2,000,000"),)
    mob_indicator: tuple = ("ผู้ใช้รถโดยสารประจำทางต่อวัน", "คน", "3500", "7000")


# --- Screenshots, and what they reveal --------------------------------------------------------

# The elements sticking out past the right edge of the window, to say where an overflow comes from.
_OVERFLOWING = """() => {
  const w = window.innerWidth, out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    // Inside a scrolling table the overflow is meant, unless the element escapes it (position: absolute).
    const scrolled = el.parentElement && el.parentElement.closest('.table-wrap');
    const escapes = ['absolute', 'fixed'].includes(getComputedStyle(el).position);
    if (r.width && r.right > w + 1 && (!scrolled || escapes)) {
      const cls = typeof el.className === 'string' ? el.className.trim().replace(/\\s+/g, '.') : '';
      out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (cls ? '.' + cls : '') +
               ' (right ' + Math.round(r.right) + ')');
    }
    if (out.length >= 8) break;
  }
  return out;
}"""


@dataclass
class Shots:
    """Numbered screenshots of each step; at 360 px also a check that nothing sticks out sideways."""

    folder: Path
    n: int = 0
    findings: list = field(default_factory=list)

    def take(self, page: Page, name: str, *, narrow=False):
        self.n += 1
        stem = f"{self.n:02d}-{name}"
        self._shoot(page, f"{stem}-1280")
        if narrow:
            wide = page.viewport_size
            page.set_viewport_size({"width": 360, "height": 800})
            over = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if over > 0:
                self.findings.append(f"{stem}: {over}px wider than a 360px window: {page.evaluate(_OVERFLOWING)}")
            self._shoot(page, f"{stem}-360")
            page.set_viewport_size(wide)

    def _shoot(self, page, name):
        """The whole page, and for long pages also its parts one screen high (easier to look at)."""
        page.screenshot(path=str(self.folder / f"{name}.png"), full_page=True)
        width, height = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        screen = 2 * width if width < 600 else 1000
        if height > screen * 1.2:
            for n, top in enumerate(range(0, height, screen), 1):
                clip = {"x": 0, "y": top, "width": width, "height": min(screen, height - top)}
                page.screenshot(path=str(self.folder / f"{name}-part{n}.png"), full_page=True, clip=clip)


@dataclass
class Person:
    """One person in one browser profile, reading the portal in one language."""

    page: Page
    base: str
    t: Texts
    shots: Shots

    def go(self, path):
        return self.page.goto(self.base + path)

    def url(self, path):
        return self.base + path

    def message(self):
        return self.page.locator("main .messages")


# --- Signing in and the language ----------------------------------------------------------------

def sign_in(person: Person, username, password):
    """Through the sign-in form; then, for English, through the site's language switch."""
    page, t = person.page, person.t
    person.go("/accounts/login/?next=/")
    # Pages ignore the browser's Accept-Language: the portal starts in Thai for everyone.
    expect(page.locator("html")).to_have_attribute("lang", "th")
    signin.sign_in(page, username, password=password)
    page.wait_for_url(person.url("/"))
    if t.lang != "th":
        page.locator(f"header button[name=language][value={t.lang}]").click()
        page.wait_for_function(f"document.documentElement.lang === '{t.lang}'")
        expect(page).to_have_url(person.url("/"))
    expect(page.locator("html")).to_have_attribute("lang", t.lang)
    expect(page.locator("header nav")).to_contain_text(f"{t('Sign out')} ({username})")


def dashboard_is_empty(person: Person):
    page, t = person.page, person.t
    expect(page.locator("#home-h")).to_have_text(t("Smart City Thailand certification"))
    expect(page.locator("#mine-h")).to_have_text(t("Your organisation's proposals"))
    expect(page.locator(".dashboard p.empty")).to_have_text(
        t("Your organisation has no proposal yet. Start one with “New proposal”.")
    )
    person.shots.take(page, "dashboard-empty", narrow=True)


# --- The editor ---------------------------------------------------------------------------------

def missing_by_step(t: Texts) -> dict:
    """What the checklist lists for a draft with only its Thai name, by the step that answers it."""
    n = ProgrammeSettings.load().min_dimensions
    return {
        "area": [
            t("Criterion 1: choose the province(s) of the target area."),
            t("Criterion 1: describe the boundary of the target area."),
            t("Criterion 1: give the area in km²."),
            t("Criterion 1: choose the city type."),
            t("Criterion 1: write the vision and the goals."),
        ],
        "infrastructure": [t("Criterion 2: write the infrastructure and investment plan.")],
        "platform": [t("Criterion 3: describe the city data platform.")],
        "dimensions": [
            t("Criterion 4: claim at least %(n)d dimensions (you have %(have)d).", n=n, have=0),
            t("Criterion 4: %(dimension)s must be among the dimensions.", dimension=t.dimension("ENV")),
        ],
        "management": [t("Criterion 5: describe the management model.")],
    }


def still_missing(t: Texts, done: set) -> list:
    return [item for step, items in missing_by_step(t).items() if step not in done for item in items]


def expect_checklist(person: Person, items: list, action=Action.SUBMIT):
    """The live checklist beside the form lists exactly ``items`` (or says nothing is missing)."""
    box, t = person.page.locator("#checklist"), person.t
    if items:
        expect(box.locator("h2")).to_have_text(t("Still missing before “%(action)s”", action=t.label(action)))
        expect(box.locator("li")).to_have_text(items)
    else:
        expect(box.locator("h2")).to_have_text(t("Nothing is missing"))
        expect(box.locator("li")).to_have_count(0)
        expect(box.locator("p")).to_have_text(
            t("You can now “%(action)s” on the review step.", action=t.label(action))
        )


def expect_saved(person: Person):
    """The status line by the buttons says the step was saved (the autosave's answer)."""
    expect(person.page.locator("#save-status")).to_contain_text(person.t.before("Saved at %(time)s", "%(time)s"))


def expect_label(person: Person, field_id, msgid):
    expect(person.page.locator(f"label[for={field_id}]")).to_contain_text(capfirst(person.t(msgid)))


def create_proposal(person: Person, data: Proposal) -> int:
    page, t = person.page, person.t
    page.locator("main a[href='/proposals/new/']").click()
    page.wait_for_url(person.url("/proposals/new/"))
    expect(page.locator("h1")).to_have_text(t("New proposal"))
    expect_label(person, "id_name_th", "name of the target area (Thai)")
    page.locator("#id_name_th").fill(data.working_name)
    person.shots.take(page, "new-proposal")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/proposals/\d+/edit/area/$"))
    expect(person.message()).to_contain_text(
        t("The draft is created. Write it step by step; what you type is saved.")
    )
    return int(re.search(r"/proposals/(\d+)/", page.url).group(1))


def save_and_next(person: Person, pk, step_title, next_slug):
    """"Save and go to the next step": the step is saved and the next one opens."""
    page, t = person.page, person.t
    page.locator("button[name=go][value=next]").click()
    page.wait_for_url(person.url(f"/proposals/{pk}/edit/{next_slug}/"))
    expect(person.message()).to_contain_text(t("Saved: %(step)s.", step=t(step_title)))


def step_is_complete(person: Person, slug):
    mark = person.page.locator(f"#step-nav a[href$='/edit/{slug}/'] .mark")
    expect(mark).to_have_text(person.t("complete"))


def write_area(person: Person, pk, data: Proposal):
    page, t = person.page, person.t
    expect(page.locator("h1")).to_have_text(t("Target area, vision and goals"))
    expect(page.locator(".editor-head .ref")).to_contain_text(t("Step %(n)s of %(total)s", n=1, total=6))
    expect_checklist(person, still_missing(t, set()))
    expect(page.locator("#id_name_th")).to_have_value(data.working_name)
    expect_label(person, "id_vision", "vision")
    expect(page.locator("fieldset:has(#id_provinces) legend")).to_contain_text(capfirst(t("Provinces")))
    page.locator("#id_name_th").fill(data.name_th)
    page.locator("#id_name_en").fill(data.name_en)
    # The province list: found by typing part of a name, then ticked.
    find = page.locator("#id_provinces_find")
    for code in data.provinces:
        box = page.locator(f"#id_provinces input[value='{code}']")
        find.fill(box.locator("xpath=ancestor::li").get_attribute("data-search").split()[0])
        expect(page.locator("#id_provinces li:not([hidden])")).not_to_have_count(0)
        box.check()
    find.fill("")
    expect(page.locator("[data-picker-count]")).not_to_have_text("")
    page.locator("#id_boundary_description").fill(data.boundary)
    page.locator("#id_area_km2").fill(data.area_km2)
    page.locator("#id_population").fill(data.population)
    page.locator(f"input[name=city_type][value={data.city_type}]").check()
    page.locator("#id_vision").fill(data.vision)
    page.locator("#id_goals").fill(data.goals)
    # Typing autosaves: the checklist loses criterion 1 without pressing anything.
    expect_checklist(person, still_missing(t, {"area"}))
    expect_saved(person)
    step_is_complete(person, "area")
    person.shots.take(page, "editor-area", narrow=True)
    save_and_next(person, pk, "Target area, vision and goals", "infrastructure")


def write_infrastructure(person: Person, pk, data: Proposal):
    page, t = person.page, person.t
    expect(page.locator("h1")).to_have_text(t("Infrastructure and investment"))
    expect_label(person, "id_total_budget_thb", "total budget (THB)")
    page.locator("#id_infrastructure_plan").fill(data.infrastructure)
    page.locator("#id_investment_plan").fill(data.investment)
    page.locator("#id_total_budget_thb").fill(data.total_budget)
    expect_checklist(person, still_missing(t, {"area", "infrastructure"}))
    expect_saved(person)
    step_is_complete(person, "infrastructure")
    person.shots.take(page, "editor-infrastructure")
    save_and_next(person, pk, "Infrastructure and investment", "platform")


def write_platform(person: Person, pk, data: Proposal):
    page, t = person.page, person.t
    expect(page.locator("h1")).to_have_text(t("City data platform"))
    page.locator("#id_data_platform").fill(data.platform)
    expect_checklist(person, still_missing(t, {"area", "infrastructure", "platform"}))
    expect_saved(person)
    person.shots.take(page, "editor-platform")
    save_and_next(person, pk, "City data platform", "dimensions")


def _initiative(page, prefix, n, title, budget):
    page.locator(f"#id_{prefix}-ini-{n}-title").fill(title)
    page.locator(f"#id_{prefix}-ini-{n}-budget_thb").fill(budget)
    page.locator(f"#id_{prefix}-ini-{n}-start_date").fill("2026-10-01")
    page.locator(f"#id_{prefix}-ini-{n}-end_date").fill("2028-09-30")


def write_dimensions(person: Person, pk, data: Proposal):
    page, t = person.page, person.t
    done = {"area", "infrastructure", "platform"}
    expect(page.locator("h1")).to_have_text(t("Smart services by dimension"))
    expect(page.locator(".choose-dimensions legend")).to_contain_text(t("Dimensions claimed"))
    env, mob = page.locator("#dim-ENV"), page.locator("#dim-MOB")
    expect(env).to_be_hidden()
    page.locator("input[name=dimensions][value=ENV]").check()
    page.locator("input[name=dimensions][value=MOB]").check()
    expect(env).to_be_visible()
    expect(mob).to_be_visible()
    expect(env.locator("h2")).to_contain_text(t.dimension("ENV"))
    page.locator("#id_ENV-summary").fill(data.env_summary)
    page.locator("#id_MOB-summary").fill(data.mob_summary)
    expect_checklist(person, still_missing(t, done | {"dimensions"}))

    # One initiative with its budget: the budgets do not add up to the total yet, and the checklist says so.
    title, budget = data.env_initiatives[0]
    _initiative(page, "ENV", 0, title, budget)
    spent = budget.replace(",", "")
    total = data.total_budget.replace(",", "")
    expect_checklist(person, [
        *still_missing(t, done | {"dimensions"}),
        t("The initiatives' budgets add up to %(sum)s baht, not the total of %(total)s baht.",
          sum=f"{int(spent):,}.00", total=f"{int(total):,}.00"),
    ])

    # A second initiative, in a row added in place ("Add an initiative").
    add = env.locator("button[data-add='ENV-ini']")
    expect(add).to_have_text(f"+ {t('Add an initiative')}")
    add.click()
    expect(page.locator("#id_ENV-ini-1-title")).to_be_focused()
    _initiative(page, "ENV", 1, *data.env_initiatives[1])
    # A standard indicator for the environment; the hint gives a year in the reader's calendar
    # (B.E. in Thai); the year typed in A.D. is understood too.
    year = current_year() + 4
    expect(env.locator("#id_ENV-ind-0-target_year_helptext")).to_have_text(
        t("For example %(year)d.", year=year + 543 if t.lang == "th" else year)
    )
    page.locator("#id_ENV-ind-0-indicator").select_option(index=1)
    page.locator("#id_ENV-ind-0-baseline").fill("48.5")
    page.locator("#id_ENV-ind-0-target").fill("35")
    page.locator("#id_ENV-ind-0-target_year").fill(str(year))
    # Mobility: its initiative and an indicator of the city's own.
    _initiative(page, "MOB", 0, *data.mob_initiatives[0])
    name, unit, baseline, target = data.mob_indicator
    page.locator("#id_MOB-ind-0-name").fill(name)
    page.locator("#id_MOB-ind-0-unit").fill(unit)
    page.locator("#id_MOB-ind-0-baseline").fill(baseline)
    page.locator("#id_MOB-ind-0-target").fill(target)
    page.locator("#id_MOB-ind-0-target_year").fill(str(year))
    # 2,000,000 + 1,000,000 + 2,000,000 = the total: only the management model is left.
    expect_checklist(person, still_missing(t, done | {"dimensions"}))
    expect_saved(person)
    step_is_complete(person, "dimensions")
    person.shots.take(page, "editor-dimensions", narrow=True)
    save_and_next(person, pk, "Smart services by dimension", "management")


def write_management(person: Person, pk, data: Proposal):
    page, t = person.page, person.t
    expect(page.locator("h1")).to_have_text(t("Management model"))
    page.locator("#id_management_model").fill(data.management)
    expect_checklist(person, [])
    expect_saved(person)
    for slug in ("area", "infrastructure", "platform", "dimensions", "management"):
        step_is_complete(person, slug)
    expect(page.locator("#step-nav a[href$='/edit/review/'] .mark")).to_have_text(t("ready to hand in"))
    person.shots.take(page, "editor-management-complete")
    save_and_next(person, pk, "Management model", "review")


def review(person: Person, data: Proposal, action=Action.SUBMIT):
    page, t = person.page, person.t
    expect(page.locator("h1")).to_have_text(t("Review and submit"))
    expect(page.locator("#r-area-h")).to_have_text(f"1. {t('Target area, vision and goals')}")
    expect(page.locator(".review-part").first).to_contain_text(data.name_th)
    expect(page.locator(".review-part").nth(1)).to_contain_text(t("%(amount)s baht", amount=data.total_budget))
    # Every row of the dimensions step, as saved: initiatives with their budgets, and the indicators.
    dims = page.locator(".review-part").nth(3)
    for title, budget in (*data.env_initiatives, *data.mob_initiatives):
        expect(dims.locator("tr", has_text=title)).to_contain_text(budget)
    # The target year in the reader's calendar (B.E. on Thai pages).
    year = current_year() + 4 + (543 if t.lang == "th" else 0)
    expect(dims.locator("tr", has_text=data.mob_indicator[0])).to_contain_text(str(year))
    expect(page.locator(".handin h2")).to_have_text(t.label(action))
    expect(page.locator(".handin button[type=submit]")).to_have_text(t.label(action))


# --- Annexes ------------------------------------------------------------------------------------

def upload_annex(person: Person, pk, path: Path, kind=AttachmentKind.FULL_PLAN):
    """Upload through the proposal page's form; returns the HTTP status of the post."""
    page = person.page
    form = page.locator("form.annex-form")
    expect(form.locator("label[for=annex_kind]")).to_have_text(person.t("Kind of annex"))
    form.locator("#annex_kind").select_option(kind.value)
    form.locator("#annex_file").set_input_files(str(path))
    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith(f"/{pk}/annexes/")) as posted:
        form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    return posted.value.status


def annexes(person: Person, pk, pdf: Path, forged: Path, media: Path):
    page, t = person.page, person.t
    person.go(f"/proposals/{pk}/")
    expect(page.locator("#annexes .empty")).to_have_text(t("No annexes yet."))

    assert upload_annex(person, pk, pdf) == 302
    page.wait_for_url(person.url(f"/proposals/{pk}/#annexes"))
    expect(person.message()).to_contain_text(t("‘%(name)s’ is attached to the proposal.", name=pdf.name))
    rows = page.locator("#annexes tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("td.name a")).to_have_text(pdf.name)
    expect(rows.first).to_contain_text(t.label(AttachmentKind.FULL_PLAN))
    person.shots.take(page, "annex-uploaded", narrow=True)

    # HTML named .pdf: refused from its content, with a clear message, and nothing kept.
    assert upload_annex(person, pk, forged) == 400
    expect(page.locator("h1")).to_have_text(t("Upload an annex"))
    expect(page.locator("#error-summary-h")).to_have_text(t("The file was not uploaded"))
    refusal = t("The file ‘%(name)s’ is not a PDF: checked from the file’s content.", name=forged.name)
    expect(page.locator(".error-summary li")).to_have_text([refusal])
    expect(page.locator("#annex_file_errors")).to_have_text(refusal)
    expect(page.locator("#annex_file")).to_have_attribute("aria-invalid", "true")
    person.shots.take(page, "annex-forged-refused", narrow=True)

    page.locator(f"main a[href='/proposals/{pk}/#annexes']").click()
    expect(rows).to_have_count(1)
    expect(page.locator("#annexes")).not_to_contain_text(forged.name)
    assert len([p for p in media.rglob("*") if p.is_file()]) == 1
