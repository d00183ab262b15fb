from django import forms
from django.utils.translation import gettext_lazy as _

from ..enums import Ballot, Channel, IdentityCheck


class JoinForm(forms.Form):
    channel = forms.ChoiceField(label=_("Where are you?"), choices=Channel.choices, widget=forms.RadioSelect)
    password = forms.CharField(label=_("Your password"), required=False, strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    code = forms.CharField(label=_("One-time code"), required=False, max_length=32,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))

    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the field of the body's identity check is offered.
        del self.fields["code" if check == IdentityCheck.PASSWORD else "password"]


class BallotForm(forms.Form):
    ballot = forms.ChoiceField(label=_("Ballot"), choices=Ballot.choices, widget=forms.RadioSelect)


class CertifyForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    confirm = forms.BooleanField(
        label=_("The meeting certified these minutes; the certification is recorded for good."))
