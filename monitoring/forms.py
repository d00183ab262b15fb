"""The annual report's form: one block of fields per indicator and per initiative."""

from decimal import Decimal

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from applications.annexes.uploads import accept_attribute
from applications.editor.forms import MoneyField, NumberField

from .enums import InitiativeStatus


class StartForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        # Shown in B.E. on Thai pages, stored A.D.
        self.fields["year"].choices = years


class ReportForm(forms.Form):
    summary = forms.CharField(label=_("Summary of the year"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        self.indicator_rows = []
        for row in report.results.all():
            ind = row.indicator
            v, c, e = f"value-{row.pk}", f"comment-{row.pk}", f"evidence-{row.pk}"
            # Typed as people write numbers (1,250.5) and shown back as typed, without trailing zeros.
            self.fields[v] = NumberField(
                label=_("Value reached (%(unit)s)") % {"unit": ind.unit},
                required=False,
                max_digits=16,
                decimal_places=4,
                initial=row.value,
            )
            self.fields[c] = forms.CharField(
                label=_("Comment"), required=False, initial=row.comment, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[e] = forms.FileField(
                label=_("Evidence (PDF, PNG or JPEG)"),
                required=False,
                widget=forms.FileInput(attrs={"accept": accept_attribute()}),
            )
            self.indicator_rows.append({"row": row, "value": self[v], "comment": self[c], "evidence": self[e]})
        self.initiative_rows = []
        for row in report.initiatives.all():
            s, m, c = f"status-{row.pk}", f"spent-{row.pk}", f"icomment-{row.pk}"
            self.fields[s] = forms.ChoiceField(label=_("Status"), choices=InitiativeStatus.choices, initial=row.status)
            self.fields[m] = MoneyField(
                label=_("Money spent (THB)"),
                required=False,
                validators=[MinValueValidator(Decimal(0))],
                initial=row.spent_thb,
            )
            self.fields[c] = forms.CharField(
                label=_("Comment"), required=False, initial=row.comment, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.initiative_rows.append({"row": row, "status": self[s], "spent": self[m], "comment": self[c]})
        if not self.is_bound:
            self.initial["summary"] = report.summary

    def indicator_values(self) -> dict:
        d = self.cleaned_data
        return {
            r["row"].pk: (d[f"value-{r['row'].pk}"], d[f"comment-{r['row'].pk}"].strip()) for r in self.indicator_rows
        }

    def initiative_values(self) -> dict:
        d = self.cleaned_data
        out = {}
        for r in self.initiative_rows:
            pk = r["row"].pk
            out[pk] = (d[f"status-{pk}"], d[f"spent-{pk}"], d[f"icomment-{pk}"].strip())
        return out

    def evidence(self) -> dict:
        d = self.cleaned_data
        return {
            r["row"].pk: d[f"evidence-{r['row'].pk}"] for r in self.indicator_rows if d.get(f"evidence-{r['row'].pk}")
        }


class ReturnForm(forms.Form):
    note = forms.CharField(label=_("What the city should change"), widget=forms.Textarea(attrs={"rows": 3}))
