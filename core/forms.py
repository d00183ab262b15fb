"""Form fields that take dates and years in the reader's calendar.

A Thai officer types ``17/12/2569`` and reads it back the same way; an English reader types
``17/12/2026``. Both are stored as the Gregorian date. The field is a text box, not the
browser's ``<input type=date>``: that one shows and takes only the browser's own calendar
(Christian Era), and shows nothing at all for a value it cannot read, which once let an
autosave wipe every saved date.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import thai


class LocalDateInput(forms.TextInput):
    """A text box that shows a date as ``dd/mm/yyyy`` in the reader's calendar."""

    def __init__(self, attrs=None):
        base = {"inputmode": "numeric", "autocomplete": "off", "maxlength": 10, "size": 10,
                "class": "date-input"}
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
            return thai.parse_typed_date(str(value))
        except ValueError:
            example = thai.numeric_date(datetime.date(datetime.date.today().year, 12, 17))
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"example": example}) from None

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
        return None if year is None else thai.year_from_typed(year)
