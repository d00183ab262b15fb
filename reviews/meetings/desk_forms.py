"""The meeting desk's forms: input shape only; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import LocalDateTimeField

from ..models import Body

NOTICE_HELP = _("Only when the meeting is sooner than the body's notice allows; it goes into the record "
                "and the minutes.")


class ScheduleForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.order_by("kind"))
    held_at = LocalDateTimeField(label=_("Date and time"))
    place = forms.CharField(label=_("Place or online link"), max_length=255)
    notice_override_reason = forms.CharField(
        label=_("Reason for short notice"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=NOTICE_HELP,
    )


class PostponeForm(forms.Form):
    held_at = LocalDateTimeField(label=_("New date and time"))
    place = forms.CharField(label=_("Place or online link"), max_length=255)
    reason = forms.CharField(label=_("Reason for postponement"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    notice_override_reason = forms.CharField(
        label=_("Reason for short notice"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=NOTICE_HELP,
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancellation"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Every member is told it, in their language."))
