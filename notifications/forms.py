from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Channel


class PreferencesForm(forms.Form):
    """One choice of channel and one digest box per kind; legal kinds are shown, disabled."""

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for kind, by_email, in_app, digest, locked in lines:
            channel = Channel.BOTH if by_email and in_app else (Channel.EMAIL if by_email else Channel.IN_APP)
            self.fields[f"channel_{kind}"] = forms.ChoiceField(
                label=kind.label, choices=Channel.choices, initial=channel, disabled=locked,
                help_text=_("Starts a legal deadline: always e-mailed at once.") if locked else "",
            )
            self.fields[f"digest_{kind}"] = forms.BooleanField(
                label=_("Daily digest"), required=False, initial=digest, disabled=locked,
            )

    def rows(self):
        for kind, *_rest, locked in self.lines:
            yield kind, self[f"channel_{kind}"], self[f"digest_{kind}"], locked

    def choices(self):
        for kind, *_rest, locked in self.lines:
            if not locked:
                yield kind, self.cleaned_data[f"channel_{kind}"], self.cleaned_data[f"digest_{kind}"]
