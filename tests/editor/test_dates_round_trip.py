"""Dates and years go in and come back in the reader's calendar, and a save of the page as it
was drawn changes nothing (an autosave once wiped every saved date: the page drew
``01/01/2027`` into an ``<input type=date>``, which shows it as empty and posts it as empty)."""

import datetime
import re

import pytest

from applications.models import Initiative, PlanIndicator
from tests.editor.test_steps import NEXT_YEAR, dimensions_post, edit_url, errors_of

pytestmark = pytest.mark.django_db


def field_values(html):
    """{name: value} of every text input on the page, as the browser would post them back."""
    values = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if name and not re.search(r'type="(checkbox|radio|submit|button|hidden)"', tag):
            value = re.search(r'value="([^"]*)"', tag)
            values[name.group(1)] = value.group(1) if value else ""
    return values


@pytest.fixture
def thai_writer(writer):
    writer.cookies["django_language"] = "th"
    return writer


def test_dates_typed_in_buddhist_era_are_stored_gregorian_and_shown_back(thai_writer, draft):
    post = dimensions_post(**{"ENV-ini-0-start_date": "17/12/2569", "ENV-ini-0-end_date": "๓๑/๑๒/๒๕๗๐"})
    assert errors_of(thai_writer.post(edit_url(draft, "dimensions"), post)) == ({}, [])
    row = Initiative.objects.get(plan__proposal=draft, plan__dimension__code="ENV")
    assert (row.start_date, row.end_date) == (datetime.date(2026, 12, 17), datetime.date(2027, 12, 31))

    values = field_values(thai_writer.get(edit_url(draft, "dimensions")).content.decode())
    assert (values["ENV-ini-0-start_date"], values["ENV-ini-0-end_date"]) == ("17/12/2569", "31/12/2570")
    assert values["ENV-ind-0-target_year"] == str(NEXT_YEAR + 543)


def test_english_page_shows_christian_era(writer, draft):
    writer.post(edit_url(draft, "dimensions"), dimensions_post())
    values = field_values(writer.get(edit_url(draft, "dimensions")).content.decode())
    assert (values["MOB-ini-0-start_date"], values["MOB-ind-0-target_year"]) == ("01/01/2027", str(NEXT_YEAR))


@pytest.mark.parametrize("language", ["th", "en"])
def test_saving_the_page_as_drawn_keeps_every_date(writer, draft, language):
    writer.cookies["django_language"] = language
    writer.post(edit_url(draft, "dimensions"), dimensions_post())
    before = sorted(Initiative.objects.filter(plan__proposal=draft).values_list("start_date", "end_date"))
    years = sorted(PlanIndicator.objects.filter(plan__proposal=draft).values_list("target_year", flat=True))

    html = writer.get(edit_url(draft, "dimensions")).content.decode()
    again = {**field_values(html), "dimensions": ["ENV", "MOB"]}
    for code in ("ENV", "MOB"):
        again.update({f"{code}-ini-TOTAL_FORMS": "1", f"{code}-ini-INITIAL_FORMS": "1",
                      f"{code}-ind-TOTAL_FORMS": "1", f"{code}-ind-INITIAL_FORMS": "1"})
    response = writer.post(f"/proposals/{draft.pk}/edit/dimensions/autosave/", again, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert sorted(Initiative.objects.filter(plan__proposal=draft).values_list("start_date", "end_date")) == before
    assert before == [(datetime.date(2027, 1, 1), datetime.date(2027, 12, 31))] * 2
    assert sorted(PlanIndicator.objects.filter(plan__proposal=draft).values_list("target_year", flat=True)) == years


def test_unreadable_date_is_refused_with_an_example_in_the_readers_calendar(thai_writer, draft):
    post = dimensions_post(**{"ENV-ini-0-start_date": "31/02/2569"})
    response = thai_writer.post(edit_url(draft, "dimensions"), post)
    beside, _summary = errors_of(response)
    example = f"17/12/{datetime.date.today().year + 543}"
    assert beside["id_ENV-ini-0-start_date"] == [f"กรุณาพิมพ์วันที่เป็น วัน/เดือน/ปี พ.ศ. เช่น {example}"]
    assert Initiative.objects.filter(plan__proposal=draft).count() == 0
