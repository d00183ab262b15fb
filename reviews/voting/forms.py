from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import LocalDateField

from ..enums import VoteChoice


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("Your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reasons"), required=False, max_length=4000)


class ConflictForm(forms.Form):
    reason = forms.CharField(label=_("What is the conflict of interest?"), max_length=2000)


class CloseForm(forms.Form):
    deadline = LocalDateField(label=_("Deadline for the revision"), required=False)
    requested_changes = forms.CharField(label=_("Requested changes"), required=False, max_length=8000)
    # The chair's wording of the resolution (required at a meeting the secretary opened: the service says so).
    text = forms.CharField(label=_("Text of the resolution"), required=False, max_length=8000)
    # A tied secret ballot: the chair's own ballot is secret, so the deciding vote is given here, openly.
    casting_vote = forms.ChoiceField(
        label=_("The chair's deciding vote (tied secret ballot)"), required=False,
        choices=[("", "—"), *[(c.value, c.label) for c in (VoteChoice.APPROVE, VoteChoice.IN_PRINCIPLE,
                                                          VoteChoice.NOT_APPROVE)]],
    )
