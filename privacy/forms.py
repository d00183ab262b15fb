from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import RequestKind
from .models import SECTIONS, PrivacyNotice

NOTICE_FIELDS = [f"{stem}_{lang}" for stem, _label in SECTIONS for lang in ("th", "en")]


class NoticeForm(forms.ModelForm):
    """A new version of the notice, started from the one in force."""

    class Meta:
        model = PrivacyNotice
        fields = NOTICE_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in NOTICE_FIELDS}


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("What do you ask for?"), choices=RequestKind.choices, widget=forms.RadioSelect)
    details = forms.CharField(
        label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
        help_text=_("For a correction: what is wrong and what it should be."),
    )


class AnswerForm(forms.Form):
    response = forms.CharField(label=_("Answer to the person"), widget=forms.Textarea(attrs={"rows": 3}),
                               max_length=4000, required=False)


class RetentionForm(forms.Form):
    """One field per registered kind of data: the days it is kept."""

    def __init__(self, *args, periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        for sweep, days in periods:
            self.fields[sweep.key] = forms.IntegerField(label=sweep.label, initial=days, min_value=1, max_value=36500)
