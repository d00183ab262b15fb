from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from applications.models import Proposal
from core.thai import local_date

from . import selectors


class ProposalChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.reference} {obj.name} — {obj.organisation.name}"


def _meeting_label(meeting) -> str:
    return f"{meeting} — {local_date(meeting.held_at)}"


class AcknowledgeForm(forms.Form):
    # Validated against every committee meeting (so a meeting not held yet is refused by name);
    # offered and pre-selected among those that fit (see __init__).
    meeting = forms.ModelChoiceField(
        label=_("Committee meeting"), queryset=selectors.committee_meetings(), empty_label=None,
        help_text=_("Only meetings already held, after the subcommittee's approval, are offered."),
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

    def __init__(self, *args, offered=None, **kwargs):
        super().__init__(*args, **kwargs)
        # ``offered``: the page of waiting proposals the view shows (issue 16: thousands may wait).
        waiting = list(selectors.awaiting_acknowledgement() if offered is None else offered)
        self.fields["proposals"].choices = [(p.pk, self._proposal_label(p)) for p in waiting]
        # Only meetings held after an approval waiting for them; the latest is pre-selected. The
        # service still judges each proposal against the meeting chosen.
        fitting = list(selectors.meetings_to_acknowledge_at([p.approved_at for p in waiting]))
        self.fields["meeting"].choices = [(m.pk, _meeting_label(m)) for m in fitting]
        if fitting:
            self.fields["meeting"].initial = fitting[0].pk

    def _proposal_label(self, proposal) -> str:
        label = self.fields["proposals"].label_from_instance(proposal)
        if proposal.approved_at is None:
            return label
        approved = gettext("approved by the subcommittee on %(date)s") % {"date": local_date(proposal.approved_at)}
        return f"{label} ({approved})"

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

    def __init__(self, *args, offered=None, **kwargs):
        super().__init__(*args, **kwargs)
        offered = selectors.proposals_in("acknowledged") if offered is None else offered
        self.fields["proposals"].choices = [(p.pk, self.fields["proposals"].label_from_instance(p)) for p in offered]
