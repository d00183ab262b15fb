import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.editor.forms import NumberField
from core.forms import LocalDateField
from provinces.enums import RegionScheme
from provinces.models import Region

from ..models import ZoneGroup


class NoteDeadlineForm(forms.Form):
    """Return for revision, or approve in principle: what to change, and by when."""

    note = forms.CharField(label=_("What must be revised"), widget=forms.Textarea(attrs={"rows": 3}))
    deadline = LocalDateField(label=_("Deadline"))


class RejectForm(forms.Form):
    note = forms.CharField(label=_("Reasons for rejecting"), widget=forms.Textarea(attrs={"rows": 3}))
    confirm = forms.BooleanField(label=_("I understand that this step cannot be undone."))


class ZoneForm(forms.Form):
    """Declare a promotion zone in an announced group, or in a new one."""

    group = forms.ModelChoiceField(
        label=_("Announced group"), queryset=ZoneGroup.objects.none(), required=False,
        empty_label=_("— a new group (below) —"),
    )
    number = forms.IntegerField(label=_("New group: number"), min_value=1, max_value=999, required=False)
    region = forms.ModelChoiceField(
        label=_("New group: region"), queryset=Region.objects.none(), required=False, empty_label="—"
    )
    announced_on = LocalDateField(label=_("New group: announced on"), required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = ZoneGroup.objects.select_related("region").order_by("-announced_on", "number")
        self.fields["region"].queryset = Region.objects.filter(scheme=RegionScheme.FOUR).order_by("order")
        self.fields["announced_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        if data.get("group"):
            return data
        for name in ("number", "region", "announced_on"):
            if data.get(name) in (None, "") and name not in self.errors:
                self.add_error(name, _("Choose an announced group, or give the new group's number, region and date."))
        return data


class AssignForm(forms.Form):
    """Per claimed dimension, the evaluators to assign or send back; a due date; why scores go back.

    Nothing starts ticked: a tick is a choice to assign this evaluator or to
    send their submitted scores back, and each is confirmed before it is made.
    """

    due_on = LocalDateField(label=_("Due on"))
    reason = forms.CharField(
        label=_("Why the submitted scores are sent back (needed only then; kept in the record)"),
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, board, evaluators, **kwargs):
        super().__init__(*args, **kwargs)
        self.board = board
        self.fields["due_on"].initial = timezone.localdate() + datetime.timedelta(days=14)
        for row in board:
            self.fields[f"dim_{row.plan.dimension.code}"] = forms.ModelMultipleChoiceField(
                label=row.plan.dimension.name, queryset=evaluators, required=False,
                widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": _("Choose evaluators from the list: %(value)s is not one of "
                                                    "the working group's active evaluators."),
                                "invalid_pk_value": _("Choose evaluators from the list.")},
            )

    def dimension_fields(self):
        """``(board row, field, [(checkbox, current assignment or None)])``: the assigned first."""
        rows = []
        for row in self.board:
            field = self[f"dim_{row.plan.dimension.code}"]
            mine = {a.evaluator_id: a for a in row.assignments}
            options = [(cb, mine.get(cb.data["value"].value)) for cb in field]
            options.sort(key=lambda o: o[1] is None)  # stable: keeps the list's order within each part
            listed = {cb.data["value"].value for cb, _a in options}
            # Assigned people no longer on the evaluators' list: shown, not choosable.
            gone = [a for a in row.assignments if a.evaluator_id not in listed]
            rows.append((row, field, options, gone))
        return rows

    def clean(self):
        data = super().clean()
        if not self.errors and not any(data.get(f"dim_{r.plan.dimension.code}") for r in self.board):
            raise forms.ValidationError(_("Choose at least one evaluator."))
        return data

    def choices(self):
        return {r.plan.dimension: list(self.cleaned_data[f"dim_{r.plan.dimension.code}"]) for r in self.board}


class ScoreForm(forms.Form):
    """A score (0–100) and a comment for every active sub-criterion of the dimension."""

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            sub = line.subcriterion
            # A text box, as every number on the portal: a saved 85.5 reads back 85.5, not 85.50.
            self.fields[f"score_{sub.pk}"] = NumberField(
                label=_("%(criterion)s: score (0–100)") % {"criterion": sub.name},
                min_value=Decimal(0), max_value=Decimal(100), max_digits=5, decimal_places=2,
                required=False, initial=line.score,
            )
            self.fields[f"comment_{sub.pk}"] = forms.CharField(
                label=_("%(criterion)s: comment") % {"criterion": sub.name}, required=False,
                initial=line.comment, widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        return [(line, self[f"score_{line.subcriterion.pk}"], self[f"comment_{line.subcriterion.pk}"])
                for line in self.lines]

    def clean(self):
        data = super().clean()
        for line in self.lines:
            pk = line.subcriterion.pk
            if (data.get(f"comment_{pk}") or "").strip() and data.get(f"score_{pk}") is None \
                    and f"score_{pk}" not in self.errors:
                self.add_error(f"score_{pk}", _("Give a score to keep this comment."))
        return data

    def entries(self):
        return {
            line.subcriterion.pk: (self.cleaned_data.get(f"score_{line.subcriterion.pk}"),
                                   self.cleaned_data.get(f"comment_{line.subcriterion.pk}", ""))
            for line in self.lines
        }
