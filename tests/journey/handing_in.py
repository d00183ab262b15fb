"""The proponent's journey, second half: handing in, the Office asking for revisions, and the
answer (the first half, writing the proposal, is in steps.py)."""

import datetime
import re

from django.utils.text import capfirst
from playwright.sync_api import expect

from applications.enums import Action, Role, State
from applications.models import StatusChange

from .steps import THAI_DATE, Person, Proposal, expect_checklist, expect_saved, review

# --- Handing in ---------------------------------------------------------------------------------

def submit(person: Person, pk, data: Proposal):
    page, t = person.page, person.t
    person.go(f"/proposals/{pk}/")
    expect(page.locator("#checklist-h")).to_have_count(0)
    go = page.locator(f"#write a.button[href='/proposals/{pk}/edit/review/']")
    expect(go).to_have_text(t("Review and hand in"))
    go.click()
    page.wait_for_url(person.url(f"/proposals/{pk}/edit/review/"))
    review(person, data)
    expect(page.locator(".handin > p:not(.confirm)")).to_have_text(t(
        "Everything needed is there. Once handed in, the proposal cannot be changed until the Office asks for "
        "revisions."
    ))
    person.shots.take(page, "review", narrow=True)
    page.locator("#confirm-handin").check()
    page.locator(".handin button[type=submit]").click()
    page.wait_for_url(person.url(f"/proposals/{pk}/"))
    expect(person.message()).to_contain_text(t("Done: %(step)s.", step=t.label(Action.SUBMIT)))
    expect(page.locator(".status-line .state")).to_have_text(t.label(State.SUBMITTED))
    expect(page.locator("#write")).to_have_count(0)
    expect_versions(person, pk, 1)
    # The annex is now part of version 1; there is no upload form any more.
    expect(page.locator("form.annex-form")).to_have_count(0)
    person.shots.take(page, "submitted", narrow=True)

    # The frozen version reads as it was handed in.
    page.locator(f"#versions a[href='/proposals/{pk}/versions/1/']").click()
    expect(page.locator("h1")).to_have_text(t("Version %(number)s", number=1))
    expect(page.locator("main")).to_contain_text(data.vision)
    person.shots.take(page, "version-1")

    # The editor is gone while the Office has it: every step answers 404.
    for slug in ("area", "review"):
        response = person.go(f"/proposals/{pk}/edit/{slug}/")
        assert response.status == 404, slug
        expect(page.locator("h1")).to_have_text(t("Page not found"))
    person.shots.take(page, "editor-404")


def expect_versions(person: Person, pk, count):
    page, t = person.page, person.t
    expect(page.locator("#versions-h")).to_have_text(t("Submitted versions"))
    rows = page.locator("#versions tbody tr")
    expect(rows).to_have_count(count)
    for n in range(1, count + 1):
        expect(rows.nth(n - 1).locator("td").first).to_have_text(t("Version %(number)s", number=n))


# --- The Office asks for revisions --------------------------------------------------------------

def move(person: Person, pk, action: Action, *, note=None, deadline=None):
    """One of the proposal page's "Next steps" forms, as staff use it."""
    page, t = person.page, person.t
    person.go(f"/proposals/{pk}/")
    expect(page.locator("#moves-h")).to_have_text(t("Next steps"))
    form = page.locator(f"form.move-{action.value}")
    if note is not None:
        expect(form.locator(f"label[for=note-{action.value}]")).to_have_text(t("Note (required)"))
        form.locator("textarea[name=note]").fill(note)
    if deadline is not None:
        expect(form.locator(f"label[for=deadline-{action.value}]")).to_have_text(t("Deadline"))
        form.locator("input[name=deadline]").fill(deadline.isoformat())
    button = form.locator("button[type=submit]")
    expect(button).to_have_text(t.label(action))
    if note is not None:
        person.shots.take(page, f"staff-{action.value}-form")
    button.click()
    page.wait_for_url(person.url(f"/proposals/{pk}/"))
    expect(person.message()).to_contain_text(t("Done: %(step)s.", step=t.label(action)))


def return_for_revision(person: Person, pk, note, deadline: datetime.date):
    page, t = person.page, person.t
    move(person, pk, Action.SCREEN)
    expect(page.locator(".status-line .state")).to_have_text(t.label(State.SCREENING))
    move(person, pk, Action.RETURN_FOR_REVISION, note=note, deadline=deadline)
    expect(page.locator(".status-line .state")).to_have_text(t.label(State.REVISION_REQUESTED))
    person.shots.take(page, "staff-returned")


def sees_revision_request(person: Person, pk, note, deadline: datetime.date):
    page, t = person.page, person.t
    due = t.date(deadline)
    if t.lang == "th":
        assert THAI_DATE.match(due), due
    person.go(f"/proposals/{pk}/")
    expect(page.locator(".status-line .state")).to_have_text(t.label(State.REVISION_REQUESTED))
    expect(page.locator(".status-line .meta")).to_have_text(f"{t('revision due')} {due}")
    box = page.locator(".revision-box")
    expect(box.locator("#revision-h")).to_have_text(t("The Office asks for revisions"))
    expect(box.locator(".revision-due")).to_have_text(t("Revise and resubmit by %(date)s", date=due))
    expect(box.locator(".revision-what")).to_have_text(t("What to change:"))
    expect(box.locator("blockquote")).to_have_text(note, use_inner_text=True)  # lines kept (<br>)
    person.shots.take(page, "revision-requested", narrow=True)

    person.go("/")
    row = page.locator(".dashboard-table tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator(".state")).to_have_text(t.label(State.REVISION_REQUESTED))
    expect(row.locator("td.next")).to_have_text(t("Revise and resubmit by %(date)s", date=due))
    expect(row.locator(".deadline")).to_have_text(f"{t('revision due')} {due}")
    person.shots.take(page, "dashboard-revision-due", narrow=True)


# --- Answering it ---------------------------------------------------------------------------------

def resubmit(person: Person, pk, data: Proposal):
    page, t = person.page, person.t
    person.go(f"/proposals/{pk}/")
    page.locator(f"#write a[href='/proposals/{pk}/edit/area/']").click()
    page.wait_for_url(person.url(f"/proposals/{pk}/edit/area/"))
    # The request stays in sight while editing.
    expect(page.locator(".revision-box #revision-h")).to_have_text(t("The Office asks for revisions"))
    vision = page.locator("#id_vision")
    expect(vision).to_have_value(data.vision)
    with page.expect_response(lambda r: r.url.endswith(f"/{pk}/edit/area/autosave/")) as saved:
        vision.fill(data.revised_vision)
    assert saved.value.status == 200
    expect_saved(person)
    expect_checklist(person, [], action=Action.RESUBMIT)
    person.shots.take(page, "editor-revising", narrow=True)

    page.locator(f"#step-nav a[href='/proposals/{pk}/edit/review/']").click()
    page.wait_for_url(person.url(f"/proposals/{pk}/edit/review/"))
    review(person, data, action=Action.RESUBMIT)
    expect(page.locator(".review-part").first).to_contain_text(data.revised_vision)
    page.locator("#confirm-handin").check()
    page.locator(".handin button[type=submit]").click()
    page.wait_for_url(person.url(f"/proposals/{pk}/"))
    expect(person.message()).to_contain_text(t("Done: %(step)s.", step=t.label(Action.RESUBMIT)))
    expect(page.locator(".status-line .state")).to_have_text(t.label(State.SCREENING))
    expect(page.locator(".revision-box")).to_have_count(0)
    expect_versions(person, pk, 2)
    person.shots.take(page, "resubmitted")


def compare(person: Person, pk, data: Proposal):
    page, t = person.page, person.t
    link = page.locator("#versions tbody tr").nth(1).locator("a[href*='/versions/compare/']")
    expect(link).to_have_text(t("Compare with version %(number)s", number=1))
    link.click()
    page.wait_for_url(re.compile(r"/versions/compare/\?from=1&to=2$"))
    expect(page.locator("h1")).to_have_text(t("Compare versions"))
    area = page.locator("section[aria-labelledby=section-area]")
    expect(area.locator("h2")).to_have_text(t("Criterion 1: target area, vision and goals"))
    expect(area.locator("dt")).to_have_text([capfirst(t("vision"))])
    expect(area.locator("del")).to_have_count(1)
    expect(area.locator("ins")).to_have_count(1)
    expect(area.locator("del")).to_contain_text("สิ่งแวดล้อมดี")
    expect(area.locator("ins")).to_contain_text("คาร์บอนต่ำ")
    expect(area.locator("dd")).to_contain_text("เศรษฐกิจสร้างสรรค์ภายในปี 2570")
    for key in ("infrastructure", "data_platform", "dimensions", "management", "attachments"):
        section = page.locator(f"section[aria-labelledby=section-{key}]")
        expect(section.locator(".no-change")).to_have_text(t("No change."))
    person.shots.take(page, "compare-1-2", narrow=True)


def timeline(person: Person, pk, note, deadline: datetime.date):
    """Every step, with its date (B.E. in Thai), who acted (by role) and the request's note and deadline."""
    page, t = person.page, person.t
    person.go(f"/proposals/{pk}/")
    expect(page.locator("#history-h")).to_have_text(t("Timeline"))
    history = list(StatusChange.objects.filter(proposal_id=pk).order_by("at", "id"))
    steps = [Action.CREATE, Action.SUBMIT, Action.SCREEN, Action.RETURN_FOR_REVISION, Action.RESUBMIT]
    assert [h.action for h in history] == steps
    items = page.locator("ol.timeline > li")
    expect(items).to_have_count(len(steps))
    expect(items.locator("strong")).to_have_text([t.label(a) for a in steps])
    expect(items.locator("time")).to_have_text([t.date(h.at) for h in history])
    roles = [Role.PROPONENT, Role.PROPONENT, Role.STAFF, Role.STAFF, Role.PROPONENT]
    for item, role in zip(items.all(), roles, strict=True):
        expect(item.locator(".who")).to_contain_text(t.label(role))
    asked = items.nth(3)
    expect(asked.locator("blockquote")).to_have_text(note, use_inner_text=True)
    expect(asked.locator("p")).to_have_text(f"{t('Deadline')}: {t.date(deadline)}")
    if t.lang == "th":
        for text in items.locator("time").all_inner_texts():
            assert THAI_DATE.match(text), text
    page.locator("#history-h").scroll_into_view_if_needed()
    person.shots.take(page, "timeline", narrow=True)
