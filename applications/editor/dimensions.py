"""The dimensions step (criterion 4): which dimensions, and per dimension a summary,
initiatives and indicators, as rows that can be added and removed.

Each dimension's rows are a Django formset named by the dimension's code
(``ENV-ini-0-title``, ``ENV-ind-1-target``), so the page works as a plain form
post; a small script only adds rows without a round trip.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.forms import LocalDateField, LocalYearField
from core.thai import local_year
from dimensions.models import Dimension, Indicator

from ..models import DimensionPlan, Initiative, PlanIndicator, ProgrammeSettings, current_year
from ..services import INDICATOR_FIELDS, INITIATIVE_FIELDS
from .forms import MoneyField, NumberField


def _label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


def _model_check(form, obj, exclude):
    """The model's own rules for one row (every row at once, not only the first the service meets).

    The service checks them again when it saves; this only reports them all together.
    """
    exclude = {*exclude, *form.errors}
    try:
        # Field validators and clean() only: a check constraint costs a query per row.
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            target = name if name in form.fields and name not in form.errors else None
            for message in messages:
                if target or message not in form.non_field_errors():
                    form.add_error(target, message)


class PassChoiceField(forms.ChoiceField):
    """A select whose unknown values reach the service, which names them."""

    def valid_value(self, value):
        return True


class ChooseForm(forms.Form):
    dimensions = forms.MultipleChoiceField(
        label=_("Dimensions claimed"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, dimensions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimensions"].choices = [(d.code, d.name) for d in dimensions]


class PlanForm(forms.Form):
    summary = forms.CharField(
        label=_label(DimensionPlan, "summary"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The smart services you will offer in this dimension, and for whom."),
    )


class InitiativeForm(forms.Form):
    title = forms.CharField(label=_label(Initiative, "title"), max_length=255)
    description = forms.CharField(
        label=_label(Initiative, "description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    budget_thb = MoneyField(label=_label(Initiative, "budget_thb"))
    start_date = LocalDateField(label=_label(Initiative, "start_date"), required=False)
    end_date = LocalDateField(label=_label(Initiative, "end_date"), required=False)

    def clean(self):
        data = super().clean()
        _model_check(self, Initiative(**{k: data.get(k) for k in INITIATIVE_FIELDS}), exclude=("plan",))
        return data

    def to_item(self):
        return {k: self.cleaned_data.get(k) for k in INITIATIVE_FIELDS}


class IndicatorForm(forms.Form):
    indicator = PassChoiceField(label=_("Standard indicator"), required=False)
    name = forms.CharField(
        label=_("Your own indicator"), required=False, max_length=255,
        help_text=_("Leave empty when you chose a standard indicator."),
    )
    unit = forms.CharField(label=_label(PlanIndicator, "unit"), required=False, max_length=64)
    baseline = NumberField(label=_label(PlanIndicator, "baseline"), max_digits=16, decimal_places=4)
    target = NumberField(label=_label(PlanIndicator, "target"), max_digits=16, decimal_places=4)
    target_year = LocalYearField(label=_("Target year"))

    def __init__(self, *args, standard=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [("", _("— my own indicator —")), *standard]
        year = current_year()
        self.fields["target_year"].help_text = _("For example %(year)d.") % {"year": local_year(year + 4)}

    def clean(self):
        data = super().clean()
        if not data.get("indicator") and not (data.get("name") or "").strip() and "name" not in self.errors:
            self.add_error("name", _("Choose a standard indicator, or write the name of your own."))
        # A standard indicator brings its own name and unit (the service fills them in).
        blanks = ("name", "unit") if data.get("indicator") else ()
        row = PlanIndicator(**{k: data.get(k) for k in INDICATOR_FIELDS})
        _model_check(self, row, exclude=("plan", "indicator", *blanks))
        return data

    def to_item(self):
        item = {k: self.cleaned_data.get(k) for k in INDICATOR_FIELDS}
        item["indicator"] = self.cleaned_data.get("indicator") or None
        return item


class RowFormSet(forms.BaseFormSet):
    """Rows of a plan: a blank row is no row; "remove" drops one."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this row")

    def kept_forms(self):
        return [
            f for f in self.forms
            if f.has_changed() and not (self.can_delete and self._should_delete_form(f))
        ]


InitiativeFormSet = forms.formset_factory(InitiativeForm, formset=RowFormSet, extra=0, can_delete=True)
IndicatorFormSet = forms.formset_factory(IndicatorForm, formset=RowFormSet, extra=0, can_delete=True)


class Section:
    """One dimension on the page: its summary form and its two formsets."""

    def __init__(self, dimension, data, *, chosen, plan=None, standard=()):
        code = dimension.code
        self.dimension = dimension
        self.chosen = chosen
        row_kwargs = {"empty_permitted": True, "use_required_attribute": False}
        if data is None:
            rows = (plan.initiatives.all(), plan.indicators.all()) if plan else ((), ())
            initiatives = [{k: getattr(i, k) for k in INITIATIVE_FIELDS} for i in rows[0]]
            indicators = [self._indicator_initial(i) for i in rows[1]]
            self.plan = PlanForm(prefix=code, initial={"summary": plan.summary if plan else ""})
            self.initiatives = InitiativeFormSet(prefix=f"{code}-ini", initial=initiatives, form_kwargs=row_kwargs)
            self.indicators = IndicatorFormSet(
                prefix=f"{code}-ind", initial=indicators, form_kwargs={**row_kwargs, "standard": standard}
            )
            # An empty plan opens with one blank row of each kind to fill in.
            self.initiatives.extra = 0 if initiatives else 1
            self.indicators.extra = 0 if indicators else 1
        else:
            self.plan = PlanForm(data, prefix=code)
            self.initiatives = InitiativeFormSet(data, prefix=f"{code}-ini", form_kwargs=row_kwargs)
            self.indicators = IndicatorFormSet(
                data, prefix=f"{code}-ind", form_kwargs={**row_kwargs, "standard": standard}
            )

    @staticmethod
    def _indicator_initial(row):
        initial = {k: getattr(row, k) for k in INDICATOR_FIELDS}
        if row.indicator_id:
            initial["indicator"] = row.indicator.code
        return initial

    @property
    def anchor(self):
        return f"dim-{self.dimension.code}"

    def is_valid(self):
        # Every part is validated, so every error shows at once.
        results = [self.plan.is_valid(), self.initiatives.is_valid(), self.indicators.is_valid()]
        return all(results)


class DimensionsStep:
    """The whole step: the choice of dimensions and one section per dimension."""

    def __init__(self, data=None, *, proposal):
        self.data = data
        self.dimensions = list(Dimension.objects.order_by("order"))
        self.rules = ProgrammeSettings.load()
        standard = {}
        for ind in Indicator.objects.filter(is_active=True).order_by("code"):
            standard.setdefault(ind.dimension_id, []).append((ind.code, f"{ind.name} ({ind.unit})"))
        plans = {}
        if data is None:
            rows = proposal.plans.select_related("dimension").prefetch_related("initiatives", "indicators__indicator")
            plans = {p.dimension_id: p for p in rows}
            chosen = {d.code for d in self.dimensions if d.pk in plans}
            self.choose = ChooseForm(dimensions=self.dimensions, initial={"dimensions": sorted(chosen)})
        else:
            chosen = set(data.getlist("dimensions"))
            self.choose = ChooseForm(data, dimensions=self.dimensions)
        self.sections = [
            Section(d, data, chosen=d.code in chosen, plan=plans.get(d.pk), standard=standard.get(d.pk, ()))
            for d in self.dimensions
        ]
        self.mandatory = [d for d in self.dimensions if d.is_mandatory]

    @property
    def chosen_sections(self):
        return [s for s in self.sections if s.chosen]

    def is_valid(self):
        results = [self.choose.is_valid()] + [s.is_valid() for s in self.chosen_sections]
        return all(results)

    def to_data(self):
        """(data for proposal_update, {error path prefix: form}) for the chosen dimensions."""
        plans, paths = [], {"plans": self.choose}
        for i, section in enumerate(self.chosen_sections):
            paths[f"plans[{i}]"] = section.plan
            item = {"dimension": section.dimension.code, "summary": section.plan.cleaned_data.get("summary", "")}
            for kind, formset in (("initiatives", section.initiatives), ("indicators", section.indicators)):
                rows = formset.kept_forms()
                for j, form in enumerate(rows):
                    paths[f"plans[{i}].{kind}[{j}]"] = form
                item[kind] = [form.to_item() for form in rows]
            plans.append(item)
        return {"plans": plans}, paths

    def error_sources(self):
        """(form, what it is, anchor) for the summary at the top, in page order."""
        yield self.choose, "", "id_dimensions_0"
        for section in self.chosen_sections:
            name = section.dimension.name
            yield section.plan, name, section.anchor
            for kind, formset, label in (
                ("ini", section.initiatives, _("initiative %(n)d")),
                ("ind", section.indicators, _("indicator %(n)d")),
            ):
                for n, form in enumerate(formset.forms, 1):
                    yield form, f"{name}, {label % {'n': n}}", f"{section.anchor}-{kind}"
