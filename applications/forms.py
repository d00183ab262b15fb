from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import Action


class TransitionForm(forms.Form):
    action = forms.ChoiceField(label=_("Step"), choices=Action.choices)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    resolution = forms.IntegerField(label=_("Resolution"), required=False, widget=forms.HiddenInput)
