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
