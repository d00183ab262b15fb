"""In Chromium: saved dates are shown in the Buddhist Era and survive the next autosave.

Before the fix, the page drew ``01/01/2027`` into an ``<input type=date>``: Chromium showed an
empty box and the next autosave (one keystroke anywhere) removed every date of every initiative.
"""

import datetime

import pytest

from applications.models import Initiative
from tests.editor.test_browser_nothing_lost import is_autosave
from tests.signin import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_saved_dates_survive_an_autosave_and_read_in_buddhist_era(page, live_server, writer_and_draft,
                                                                   screenshot_dir):
    user, proposal = writer_and_draft
    before = sorted(Initiative.objects.filter(plan__proposal=proposal).values_list("pk", "start_date", "end_date"))
    assert before and all(start and end for _pk, start, end in before)
    step_url = f"{live_server.url}/proposals/{proposal.pk}/edit/dimensions/"
    page.goto(f"{live_server.url}/accounts/login/?next=/proposals/{proposal.pk}/edit/dimensions/")
    sign_in(page, user.username)
    page.wait_for_url(step_url)

    first = before[0]
    start_box = page.locator("input[name$='-ini-0-start_date']").first
    assert start_box.input_value() == f"{first[1]:%d/%m}/{first[1].year + 543}"

    # One keystroke in a summary: the whole step autosaves, dates included.
    with page.expect_response(is_autosave) as saved:
        page.locator("textarea[name$='-summary']").first.press_sequentially(" ")
    assert saved.value.status == 200
    after = sorted(Initiative.objects.filter(plan__proposal=proposal).values_list("pk", "start_date", "end_date"))
    assert [(s, e) for _pk, s, e in after] == [(s, e) for _pk, s, e in before]

    # A date typed the Thai way is stored as the Gregorian date and read back as typed.
    start_box.fill("17/12/2569")
    with page.expect_response(is_autosave) as saved:
        start_box.press("Tab")
    assert saved.value.status == 200
    starts = set(Initiative.objects.filter(plan__proposal=proposal).values_list("start_date", flat=True))
    assert datetime.date(2026, 12, 17) in starts
    page.reload()
    assert page.locator("input[name$='-ini-0-start_date']").first.input_value() == "17/12/2569"
    page.screenshot(path=str(screenshot_dir / "editor-dates-th.png"), full_page=True)
