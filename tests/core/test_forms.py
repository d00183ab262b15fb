import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from core.forms import LocalDateField, LocalYearField


class DatesForm(forms.Form):
    on = LocalDateField(required=False)
    year = LocalYearField(required=False)


def test_a_date_typed_in_buddhist_era_is_stored_gregorian():
    with translation.override("th"):
        assert LocalDateField().clean("17/12/2569") == datetime.date(2026, 12, 17)
        assert LocalDateField().clean("๑๗/๑๒/๒๕๖๙") == datetime.date(2026, 12, 17)
    with translation.override("en"):
        assert LocalDateField().clean("17/12/2026") == datetime.date(2026, 12, 17)
        assert LocalDateField().clean("2026-12-17") == datetime.date(2026, 12, 17)


def test_a_date_object_or_datetime_passes_as_the_date_and_empty_is_none():
    field = LocalDateField(required=False)
    assert field.clean(datetime.date(2026, 12, 17)) == datetime.date(2026, 12, 17)
    assert field.clean(datetime.datetime(2026, 12, 17, 9, 30)) == datetime.date(2026, 12, 17)
    assert field.clean("") is None


def test_an_impossible_date_is_refused_with_an_example_in_the_readers_calendar():
    # The message is translated when it is read, as a page reads it: in the reader's language.
    year = datetime.date.today().year
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            LocalDateField().clean("31/02/2569")
        assert refused.value.messages == [f"Type the date as day/month/year, for example 17/12/{year}."]
    with translation.override("th"):
        with pytest.raises(ValidationError) as refused:
            LocalDateField().clean("31/02/2569")
        assert refused.value.messages == [f"กรุณาพิมพ์วันที่เป็น วัน/เดือน/ปี พ.ศ. เช่น 17/12/{year + 543}"]


def test_the_date_box_is_text_showing_the_readers_calendar():
    form = DatesForm(initial={"on": datetime.date(2026, 12, 17)})
    with translation.override("th"):
        html = str(form["on"])
    assert 'type="text"' in html and 'type="date"' not in html
    assert 'value="17/12/2569"' in html
    assert 'placeholder="วว/ดด/ปปปป"' in html
    with translation.override("en"):
        html = str(DatesForm(initial={"on": datetime.date(2026, 12, 17)})["on"])
    assert 'value="17/12/2026"' in html
    assert 'placeholder="dd/mm/yyyy"' in html


def test_a_refused_date_comes_back_as_typed_so_it_can_be_corrected():
    form = DatesForm({"on": "31/02/2569", "year": ""})
    with translation.override("th"):
        assert not form.is_valid()
        html = str(form["on"])
    assert list(form.errors) == ["on"]
    assert 'value="31/02/2569"' in html


def test_a_year_is_typed_and_shown_in_the_readers_calendar():
    with translation.override("th"):
        assert LocalYearField().clean("2572") == 2029
        assert LocalYearField().clean("๒๕๗๒") == 2029
        assert LocalYearField().clean(" 2029 ") == 2029
        assert LocalYearField().prepare_value(2029) == 2572
        assert 'value="2572"' in str(DatesForm(initial={"year": 2029})["year"])
    with translation.override("en"):
        assert LocalYearField().clean("2029") == 2029
        # A B.E. year typed on an English page is understood too.
        assert LocalYearField().clean("2572") == 2029
        assert LocalYearField().prepare_value(2029) == 2029
    assert LocalYearField(required=False).clean("") is None


def test_a_year_that_is_not_a_number_is_refused():
    with pytest.raises(ValidationError):
        LocalYearField().clean("ปีหน้า")
