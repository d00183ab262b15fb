"""The correction page's form: the corrected values (filled with the effective ones), the reason,
the meeting that ordered it, and a confirmation (a correction stays in the record for good)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import ResolutionKind
from ..models import Attendance, ConflictDeclaration, Meeting, Resolution, ScoreSubmission
from .services import effective

PRESENCE = (("present", _("present")), ("absent", _("absent")))


def _meeting_label(meeting):
    return _("%(body)s, meeting no. %(label)s") % {"body": meeting.body.name, "label": meeting.label}


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was wrong and how it was found. It goes into the record and the minutes."),
    )
    meeting = forms.ModelChoiceField(
        label=_("Ordered by the resolution of the meeting"), required=False, queryset=Meeting.objects.none(),
        help_text=_("The meeting that resolved to correct it, if any (e.g. when adopting the minutes)."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that the correction is recorded for good, beside what was recorded first."),
    )

    def __init__(self, *args, target, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = target
        self.value_fields = []  # (form field name, correctable field name)
        self._add_value_fields(target)
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(held_at__lte=timezone.now()).select_related("body").order_by("-held_at", "-pk")
        )
        self.fields["meeting"].label_from_instance = _meeting_label
        # The values first, then the reason, the meeting and the confirmation.
        self.order_fields([name for name, _field in self.value_fields] + ["reason", "meeting", "confirm"])

    def _value(self, name, field, form_field):
        self.fields[name] = form_field
        self.initial.setdefault(name, effective(self.target, field))
        self.value_fields.append((name, field))

    def _add_value_fields(self, target):
        if isinstance(target, Resolution):
            self._value("kind", "kind", forms.ChoiceField(
                label=_("Kind of resolution"), choices=ResolutionKind.choices))
            self._value("text", "text", forms.CharField(
                label=_("Text of the resolution"), required=False, widget=forms.Textarea(attrs={"rows": 6})))
        elif isinstance(target, Attendance):
            self._value("present", "present", forms.TypedChoiceField(
                label=_("Attendance"), choices=PRESENCE, coerce=lambda v: v == "present", widget=forms.RadioSelect))
            self.initial["present"] = "present" if self.initial["present"] else "absent"
        elif isinstance(target, ConflictDeclaration):
            self._value("conflict_reason", "reason", forms.CharField(
                label=_("Reason for the conflict of interest"), widget=forms.Textarea(attrs={"rows": 3})))
        elif isinstance(target, ScoreSubmission):
            for entry in target.scores:
                sub = entry["subcriterion"]
                name = entry.get("name") or entry.get("code")
                self._value(f"score_{sub}", f"score:{sub}", forms.DecimalField(
                    label=_("Score (%%): %(name)s") % {"name": name}, min_value=0, max_value=100, decimal_places=2))
                self._value(f"comment_{sub}", f"comment:{sub}", forms.CharField(
                    label=_("Comment: %(name)s") % {"name": name}, required=False))

    def values(self) -> dict:
        """Correctable field -> the value typed, for the service."""
        return {field: self.cleaned_data[name] for name, field in self.value_fields}
