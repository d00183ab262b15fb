from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.models import Proposal

from . import selectors


class ProposalChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.reference} {obj.name} — {obj.organisation.name}"


class AcknowledgeForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Committee meeting"), queryset=selectors.committee_meetings(), empty_label=None
    )
    text = forms.CharField(
        label=_("Text of the resolution"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Left empty: “The committee acknowledged the subcommittee's approval.”"),
    )
    # Any proposal may be posted (a page can be stale); the workflow judges each one.
    proposals = ProposalChoices(
        label=_("Approved proposals to acknowledge"), queryset=Proposal.objects.select_related("organisation"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposals"].choices = [
            (p.pk, self.fields["proposals"].label_from_instance(p)) for p in selectors.proposals_in("approved")
        ]

    def clean_meeting(self):
        meeting = self.cleaned_data["meeting"]
        if meeting.held_at > timezone.now():
            raise forms.ValidationError(_("The meeting has not taken place yet."))
        return meeting


class CertifyForm(forms.Form):
    proposals = ProposalChoices(
        label=_("Acknowledged proposals receiving the emblem"),
        queryset=Proposal.objects.select_related("organisation"), widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Note for the record"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposals"].choices = [
            (p.pk, self.fields["proposals"].label_from_instance(p)) for p in selectors.proposals_in("acknowledged")
        ]
