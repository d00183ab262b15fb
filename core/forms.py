"""Form fields that take dates and years in the reader's calendar.

A Thai officer types ``17/12/2569`` and reads it back the same way; an English reader types
``17/12/2026``. Both are stored as the Gregorian date. The field is a text box, not the
browser's ``<input type=date>``: that one shows and takes only the browser's own calendar
(Christian Era), and shows nothing at all for a value it cannot read, which once let an
autosave wipe every saved date.
"""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import thai

YEAR_REFUSED = _(
    "The year %(typed)s cannot be right: read as B.E. it is A.D. %(as_be)s, read as A.D. it is B.E. %(as_ce)s. "
    "Type a date from B.E. %(first_be)s (A.D. %(first)s) to B.E. %(last_be)s (A.D. %(last)s)."
)


def year_refusal(typed_year: int) -> ValidationError:
    """The refusal of a year outside ``thai.year_range``, showing both readings of what was typed."""
    first, last = thai.year_range()
    as_be_ce = thai.ce_year(typed_year)
    return ValidationError(YEAR_REFUSED, code="year_range", params={
        "typed": typed_year, "as_be": as_be_ce, "as_ce": thai.be_year(typed_year),
        "first_be": thai.be_year(first), "first": first, "last_be": thai.be_year(last), "last": last,
    })


def check_year(value, typed: str = "") -> None:
    """Refuse a date (or A.D. year) outside the portal's range; ``typed`` is the text as typed."""
    year = value if isinstance(value, int) else value.year
    if thai.year_in_range(year):
        return
    found = re.findall(r"\d{4}", str(typed).translate(thai.THAI_DIGITS))
    raise year_refusal(int(found[-1]) if found else thai.local_year(year))


class LocalDateInput(forms.TextInput):
    """A text box that shows a date as ``dd/mm/yyyy`` in the reader's calendar."""

    def __init__(self, attrs=None):
        # Room for "17 พฤศจิกายน 2569"; not inputmode=numeric, so a month can be typed by name.
        base = {"autocomplete": "off", "maxlength": 24, "size": 12, "class": "date-input"}
        super().__init__({**base, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # The placeholder follows the language active when the page is drawn, not at import.
        context["widget"]["attrs"].setdefault("placeholder", str(_("dd/mm/yyyy")))
        return context

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return thai.numeric_date(value)
        # What was typed and refused comes back as typed, so it can be corrected.
        return super().format_value(value)


class LocalDateField(forms.DateField):
    widget = LocalDateInput
    default_error_messages = {
        "invalid": _("Type the date as day/month/year, for example %(example)s."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            parsed = thai.parse_typed_date(str(value))
        except ValueError:
            example = thai.numeric_date(datetime.date(datetime.date.today().year, 12, 17))
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"example": example}) from None
        check_year(parsed, str(value))
        return parsed

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("type", None)
        return attrs


class LocalYearField(forms.IntegerField):
    """A year in the reader's calendar (``2572`` on Thai pages, ``2029`` on English ones),
    stored as the Christian-Era year. A B.E. year typed on an English page is understood too."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off",
                                                           "maxlength": 4, "size": 5}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            return thai.local_year(value)
        return value

    def to_python(self, value):
        if isinstance(value, str):
            value = value.translate(thai.THAI_DIGITS).strip()
        year = super().to_python(value)
        if year is None:
            return None
        stored = thai.year_from_typed(year)
        if not thai.year_in_range(stored):
            raise year_refusal(year)
        return stored


class LocalTimeInput(forms.TextInput):
    """``13:30``, 24-hour, as Thai notices write it (``13.30 น.`` is taken too)."""

    def __init__(self, attrs=None):
        base = {"autocomplete": "off", "maxlength": 8, "size": 6, "class": "time-input"}
        super().__init__({**base, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].setdefault("placeholder", str(_("hh:mm")))
        return context

    def format_value(self, value):
        if isinstance(value, datetime.time):
            return value.strftime("%H:%M")
        return super().format_value(value)


class LocalTimeField(forms.TimeField):
    widget = LocalTimeInput
    input_formats = ["%H:%M", "%H.%M", "%H:%M:%S"]
    default_error_messages = {"invalid": _("Type the time as hours:minutes, for example 13:30.")}

    def to_python(self, value):
        if isinstance(value, str):
            value = value.translate(thai.THAI_DIGITS).replace("น.", "").strip()
        return super().to_python(value)


class LocalDateTimeInput(forms.MultiWidget):
    """The date box and the time box side by side (``name_0``, ``name_1``, as Django's split widget)."""

    def __init__(self, attrs=None):
        super().__init__((LocalDateInput(attrs), LocalTimeInput(attrs)), attrs)

    def decompress(self, value):
        if isinstance(value, datetime.datetime):
            if timezone.is_aware(value):
                value = timezone.localtime(value)
            return [value.date(), value.time().replace(second=0, microsecond=0)]
        return [None, None]


class LocalDateTimeField(forms.SplitDateTimeField):
    """A date in the reader's calendar and a 24-hour time, stored as an aware datetime."""

    widget = LocalDateTimeInput
    hidden_widget = forms.SplitHiddenDateTimeWidget

    def __init__(self, **kwargs):
        kwargs.pop("input_date_formats", None)
        kwargs.pop("input_time_formats", None)
        super().__init__(**kwargs)
        required = self.required
        self.fields = (
            LocalDateField(error_messages={"incomplete": self.error_messages["invalid_date"]}, required=required),
            LocalTimeField(error_messages={"incomplete": self.error_messages["invalid_time"]}, required=required),
        )


def local_formfield(db_field, **kwargs):
    """``formfield_callback`` of a ModelForm: the reader's calendar for every date and date-time field."""
    if isinstance(db_field, models.DateTimeField):
        kwargs.setdefault("form_class", LocalDateTimeField)
        kwargs.setdefault("widget", LocalDateTimeInput)
    elif isinstance(db_field, models.DateField):
        kwargs.setdefault("form_class", LocalDateField)
        kwargs.setdefault("widget", LocalDateInput)
    return db_field.formfield(**kwargs)
