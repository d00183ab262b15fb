"""Under the strict Content Security Policy, the pages still work in a real browser.

Chromium reports every blocked script, style or image as a
``securitypolicyviolation`` event and a console error; none may occur on the
public pages, the proponent's editor (htmx, autosave), the API docs (Swagger
UI) and the admin.
"""

import pytest

from applications.enums import State
from tests import paths
from tests.factories import StaffFactory
from tests.signin import sign_in, with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
"""


def watched(page):
    page.console_csp = []
    page.add_init_script(WATCH)
    page.on("console", lambda m: page.console_csp.append(m.text)
            if m.type == "error" and "Content Security Policy" in m.text else None)
    return page


def violations(page):
    return page.evaluate("window.__csp") + page.console_csp


def test_public_pages_and_api_docs_run_without_violations(page, live_server):
    page = watched(page)
    paths.bring_to(State.PROMOTION_ZONE)
    for path in ("/", "/register/", "/register/map/", "/accounts/login/", "/accounts/password_reset/"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        assert violations(page) == [], path
    page.goto(live_server.url + "/api/docs/")
    page.wait_for_selector(".swagger-ui .info .title", timeout=15_000)  # drawn by Swagger UI's script
    assert page.locator(".opblock").count() > 5
    assert violations(page) == []


def test_editor_autosave_and_admin_run_without_violations(page, live_server):
    page = watched(page)
    proposal = paths.bring_to(State.DRAFT)
    owner = with_password(proposal.organisation.memberships.get().user)
    sign_in(page, owner.username, base_url=live_server.url)
    page.goto(f"{live_server.url}/proposals/{proposal.pk}/edit/area/")
    page.wait_for_load_state("networkidle")
    field = page.locator("textarea").first
    field.fill("วิสัยทัศน์ที่พิมพ์ใหม่")
    field.blur()
    page.wait_for_load_state("networkidle")
    assert violations(page) == []

    staff = with_password(StaffFactory())
    page.context.clear_cookies()
    sign_in(page, staff.username, base_url=live_server.url)
    for path in ("/admin/", f"/admin/applications/proposal/{proposal.pk}/change/", "/admin/applications/proposal/"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        assert page.locator("#content").count() == 1, path
        assert violations(page) == [], path
