"""The forms of the editor's steps.

They only read what was typed (numbers, dates, choices); the rules of a
proposal (ranges, years, totals) stay in the models and the service, whose
errors are put back next to the fields by :mod:`applications.editor.errors`.
"""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from provinces.selectors import provinces_in_order
from provinces.widgets import ProvincePicker

from ..models import Proposal

TEXTAREA_ROWS = 5
# Proposal columns where nothing typed is NULL rather than an empty text.
NULLABLE = frozenset({"area_km2", "population", "total_budget_thb"})


def grouped_number(value) -> str:
    """``Decimal("1250.7500")`` → ``1,250.75``: as people type it, so a saved number reads back as typed."""
    text = format(value, ",f")
    return text.rstrip("0").rstrip(".") if "." in text else text


class NumberInput(forms.TextInput):
    """Shows a stored decimal with thousands separators and without its trailing zeros;
    what was typed and refused is shown as typed."""

    def format_value(self, value):
        if isinstance(value, Decimal):
            return grouped_number(value)
        return super().format_value(value)


class MoneyInput(forms.TextInput):
    """Shows a stored amount with thousands separators: ``2,500,000`` (satang only when there are)."""

    def format_value(self, value):
        if isinstance(value, Decimal):
            return f"{value:,.0f}" if value == value.to_integral() else f"{value:,.2f}"
        return super().format_value(value)


class MoneyField(forms.DecimalField):
    """Baht, typed as people write it: ``2,500,000`` or ``2 500 000.50``."""

    widget = MoneyInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 16)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(",", "").replace(" ", "").replace("\u00a0", "")
        return super().to_python(value)

    def widget_attrs(self, widget):
        # Not type=number: it refuses the thousands separators people type.
        return {"inputmode": "decimal", "autocomplete": "off", "class": "money"}


class NumberField(forms.DecimalField):
    """A decimal typed freely (``1,250.5``), without the browser's number spinner."""

    widget = NumberInput

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(",", "").strip()
        try:
            return super().to_python(value)
        except InvalidOperation:  # pragma: no cover - DecimalField already reports it
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def widget_attrs(self, widget):
        return {"inputmode": "decimal", "autocomplete": "off"}


class CountInput(forms.TextInput):
    """Shows a stored whole number with thousands separators: ``118,764``."""

    def format_value(self, value):
        if isinstance(value, int):
            return f"{value:,}"
        return super().format_value(value)


class CountField(forms.IntegerField):
    """A whole number typed as people write it (``118,764`` or ``118 764``)."""

    widget = CountInput

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(",", "").replace(" ", "").replace("\u00a0", "").strip()
        return super().to_python(value)

    def widget_attrs(self, widget):
        return {"inputmode": "numeric", "autocomplete": "off"}


class CodesField(forms.MultipleChoiceField):
    """Choices shown from a list, but any code is passed on: the service names the unknown ones."""

    def valid_value(self, value):
        return True


def proposal_field(name, **overrides):
    """The form field of a Proposal column: its label and length, not its rules."""
    model_field = Proposal._meta.get_field(name)
    formfield = model_field.formfield(**overrides)
    if isinstance(formfield.widget, forms.Textarea):
        formfield.widget.attrs["rows"] = TEXTAREA_ROWS
    return formfield


def label_of(name):
    return capfirst(Proposal._meta.get_field(name).verbose_name)


def province_choices():
    """(code, name) in the reader's dictionary order, and what each can be found by."""
    provinces = provinces_in_order()
    return [(p.code, p.name) for p in provinces], {p.code: f"{p.name_th} {p.name_en}" for p in provinces}


class StepForm(forms.Form):
    """A step's form; ``to_data`` gives what proposal_update takes."""

    def to_data(self) -> dict:
        return dict(self.cleaned_data)

    def clean(self):
        # The proposal's own rules for what parsed, reported together with what did not parse
        # (else a negative population showed only once the unreadable area was mended).
        # The service checks them again when it saves.
        data = super().clean()
        columns = {f.name for f in Proposal._meta.concrete_fields}
        parsed = {k: v for k, v in data.items() if k in columns and k not in self.errors}
        row = Proposal(**{k: ("" if v is None and k not in NULLABLE else v) for k, v in parsed.items()})
        try:
            row.clean_fields(exclude=[name for name in columns if name not in parsed])
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                for message in messages:
                    self.add_error(name if name in self.fields else None, message)
        return data

    @classmethod
    def initial_from(cls, proposal) -> dict:
        return {name: getattr(proposal, name) for name in cls.base_fields}


class AreaForm(StepForm):
    name_th = proposal_field("name_th")
    name_en = proposal_field("name_en")
    provinces = CodesField(
        label=_("Provinces"), required=False,
        help_text=_("Tick every province the target area lies in."),
        widget=ProvincePicker,
    )
    boundary_description = proposal_field(
        "boundary_description",
        help_text=_("Which subdistricts, roads or landmarks bound the area; attach a map on the proposal page."),
    )
    area_km2 = NumberField(label=label_of("area_km2"), required=False,
                           max_digits=10, decimal_places=2)
    population = CountField(label=label_of("population"), required=False)
    city_type = proposal_field("city_type", widget=forms.RadioSelect)
    vision = proposal_field("vision")
    goals = proposal_field("goals", help_text=_("What the city will achieve, with the years."))

    def __init__(self, *args, locked=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices, search = province_choices()
        self.fields["provinces"].choices = choices
        self.fields["provinces"].widget.search = search
        # A blank radio choice would read "---------"; none chosen is the blank.
        self.fields["city_type"].choices = [c for c in self.fields["city_type"].choices if c[0]]
        # The public facts of a public proposal: shown, not typed (a disabled field keeps its
        # initial value whatever is posted); they change by an amendment the Office accepts.
        self.locked = tuple(locked)
        for name in self.locked:
            self.fields[name].disabled = True
            self.fields[name].help_text = _("Public fact: changed only by an amendment the Office accepts.")

    @classmethod
    def initial_from(cls, proposal):
        initial = {name: getattr(proposal, name) for name in cls.base_fields if name != "provinces"}
        initial["provinces"] = [p.code for p in proposal.provinces.all()]
        return initial


class InfrastructureForm(StepForm):
    infrastructure_plan = proposal_field(
        "infrastructure_plan", help_text=_("Networks, sensors, data centres and the physical works they need.")
    )
    investment_plan = proposal_field("investment_plan", help_text=_("Who pays for what, and when."))
    total_budget_thb = MoneyField(
        label=label_of("total_budget_thb"), required=False,
        help_text=_("The initiatives' budgets in the dimensions step must add up to this amount."),
    )


class PlatformForm(StepForm):
    data_platform = proposal_field(
        "data_platform",
        help_text=_("How data is collected, shared and opened, and how personal data is protected (PDPA)."),
    )


class ManagementForm(StepForm):
    management_model = proposal_field(
        "management_model",
        help_text=_("Public-private partnership, a city development company, and how it is funded."),
    )


SIMPLE_FORMS = {
    "area": AreaForm,
    "infrastructure": InfrastructureForm,
    "platform": PlatformForm,
    "management": ManagementForm,
}
