"""One Thai date input for every form and the admin (issue 15, item 2)."""

import datetime

import pytest
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import timezone, translation

from core.forms import LocalDateField, LocalDateTimeField, LocalYearField
from core.thai import parse_typed_date
from tests.factories import StaffFactory

NEXT = timezone.localdate().year + 1


@pytest.mark.parametrize("typed", [
    f"17/12/{NEXT + 543}", f"17 ธ.ค. {NEXT + 543}", f"17 ธันวาคม {NEXT + 543}", f"๑๗ ธ.ค. {NEXT + 543}",
    f"17 ธค {NEXT + 543}", f"17 ธ.ค. พ.ศ. {NEXT + 543}", f"17 Dec {NEXT}", f"17 December {NEXT}",
    f"17/12/{NEXT}", f"{NEXT}-12-17",
])
def test_a_date_typed_as_thai_or_english_people_write_it_is_the_same_gregorian_day(typed):
    assert parse_typed_date(typed) == datetime.date(NEXT, 12, 17)
    with translation.override("th"):
        assert LocalDateField().clean(typed) == datetime.date(NEXT, 12, 17)


def test_an_unknown_month_name_is_refused_as_a_bad_date():
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        LocalDateField().clean(f"17 Decembre {NEXT}")
    assert refused.value.code == "invalid"


def test_a_year_read_twice_as_buddhist_era_is_refused_showing_both_readings():
    # 17/12/2569 taken as A.D. by the old admin became B.E. 3112: typed back, it is refused.
    last = timezone.localdate().year + 10
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        LocalDateField().clean("17/12/3112")
    assert refused.value.messages == [
        "The year 3112 cannot be right: read as B.E. it is A.D. 2569, read as A.D. it is B.E. 3655. "
        f"Type a date from B.E. 2500 (A.D. 1957) to B.E. {last + 543} (A.D. {last})."
    ]
    with translation.override("th"):
        with pytest.raises(ValidationError) as refused:
            LocalDateField().clean("17/12/1950")
        # Read (translated) as the page reads it: in the reader's language.
        assert refused.value.messages == [
            "ปี 1950 ไม่น่าจะถูกต้อง: ถ้าเป็น พ.ศ. คือ ค.ศ. 1407 ถ้าเป็น ค.ศ. คือ พ.ศ. 2493 "
            f"กรุณาพิมพ์วันที่ระหว่าง พ.ศ. 2500 (ค.ศ. 1957) ถึง พ.ศ. {last + 543} (ค.ศ. {last})"
        ]


def test_the_edges_of_the_range_are_taken():
    last = timezone.localdate().year + 10
    assert LocalDateField().clean("01/01/2500") == datetime.date(1957, 1, 1)
    assert LocalDateField().clean(f"31/12/{last + 543}") == datetime.date(last, 12, 31)
    with pytest.raises(ValidationError):
        LocalDateField().clean("31/12/2499")
    with pytest.raises(ValidationError):
        LocalDateField().clean(f"01/01/{last + 544}")


def test_a_target_year_out_of_range_is_refused_and_one_in_be_is_stored_ad():
    assert LocalYearField().clean(str(NEXT + 543)) == NEXT
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        LocalYearField().clean("3112")
    assert "read as B.E. it is A.D. 2569" in refused.value.messages[0]


class When(forms.Form):
    at = LocalDateTimeField()


def test_date_and_time_typed_in_thai_are_stored_as_bangkok_time():
    with translation.override("th"):
        form = When({"at_0": f"17 ธ.ค. {NEXT + 543}", "at_1": "13.30 น."})
        assert form.is_valid(), form.errors
    at = form.cleaned_data["at"]
    assert timezone.localtime(at).replace(tzinfo=None) == datetime.datetime(NEXT, 12, 17, 13, 30)
    with translation.override("th"):
        html = str(When(initial={"at": at})["at"])
    assert f'value="17/12/{NEXT + 543}"' in html and 'value="13:30"' in html
    with translation.override("en"):
        html = str(When(initial={"at": at})["at"])
    assert f'value="17/12/{NEXT}"' in html


def test_an_impossible_year_in_a_date_time_is_refused():
    form = When({"at_0": "17/12/3112", "at_1": "09:30"})
    assert not form.is_valid()
    assert "3112" in form.errors["at"][0]


def _date_fields(form_class):
    return {
        name: type(field) for name, field in form_class.base_fields.items()
        if isinstance(field, forms.DateField | forms.DateTimeField | forms.SplitDateTimeField)
    }


@pytest.mark.django_db
def test_every_admin_form_and_inline_takes_dates_in_the_readers_calendar():
    """No admin form offers Django's Christian-Era calendar: every date field is the portal's."""
    request = RequestFactory().get("/admin/")
    request.user = StaffFactory(is_superuser=True)
    seen = {}
    for model, model_admin in admin.site._registry.items():
        forms_ = [model_admin.get_form(request)]
        forms_ += [inline.get_formset(request).form for inline in model_admin.get_inline_instances(request)]
        for form_class in forms_:
            for name, kind in _date_fields(form_class).items():
                seen[(model._meta.label, name)] = kind
    wrong = {k: v for k, v in seen.items() if v not in (LocalDateField, LocalDateTimeField)}
    assert wrong == {}
    assert seen[("reviews.Meeting", "held_at")] is LocalDateTimeField


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


OURS = ("core.", "smartcity.", "accounts.", "provinces.", "dimensions.", "applications.", "reviews.",
        "notifications.", "register.", "monitoring.", "api.")


def test_every_form_of_the_portal_takes_dates_in_the_readers_calendar():
    """Every form class the project defines (loaded with its urls and admin), none with Django's date field."""
    checked = 0
    wrong = {}
    for form_class in _subclasses(forms.BaseForm):
        if not form_class.__module__.startswith(OURS) or not hasattr(form_class, "base_fields"):
            continue
        checked += 1
        for name, kind in _date_fields(form_class).items():
            if kind not in (LocalDateField, LocalDateTimeField):
                wrong[f"{form_class.__module__}.{form_class.__name__}.{name}"] = kind
    assert wrong == {}
    assert checked > 20  # the walk saw the project's forms
