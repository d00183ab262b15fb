"""The shapes of an amendment request and of the Office's decision (the rules are the service's)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from provinces.widgets import ProvincePicker

from ..editor.forms import CodesField, NumberField, label_of, proposal_field, province_choices
from .facts import PUBLIC_FACTS, facts_of


class AmendmentRequestForm(forms.Form):
    """The public facts, pre-filled with the current values, the reason, and a confirmation."""

    name_th = proposal_field("name_th")
    name_en = proposal_field("name_en")
    provinces = CodesField(label=_("Provinces"), required=False, widget=ProvincePicker)
    area_km2 = NumberField(label=label_of("area_km2"), required=False, max_digits=10, decimal_places=2)
    boundary_description = proposal_field("boundary_description")
    reason = forms.CharField(
        label=_("Reason for the amendment"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why the public facts must change (for example a new official name, or a corrected area). "
                    "It stays in the record with the old and new values."),
    )
    confirm = forms.BooleanField(
        label=_("I confirm that the new values are correct. I understand that the register changes only once "
                "the Smart City Office accepts the amendment, and that the request stays in the record."),
    )

    def __init__(self, *args, proposal, **kwargs):
        kwargs.setdefault("initial", facts_of(proposal))
        super().__init__(*args, **kwargs)
        choices, search = province_choices()
        self.fields["provinces"].choices = choices
        self.fields["provinces"].widget.search = search

    def changes(self) -> dict:
        """Every public fact as typed; the service keeps those that differ."""
        return {name: self.cleaned_data.get(name) for name in PUBLIC_FACTS}


class AmendmentDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=(("accept", _("Accept")), ("reject", _("Reject"))), widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note on the decision"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when rejecting: the proponent reads it."),
    )

    @property
    def accept(self) -> bool:
        return self.cleaned_data["decision"] == "accept"
