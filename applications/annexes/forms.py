from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from applications.enums import AttachmentKind

from .uploads import accept_attribute, too_big_message


class AnnexUploadForm(forms.Form):
    # The kind comes before the file in the page, so it is read even when the
    # file is stopped for its size (the browser sends fields in page order).
    kind = forms.ChoiceField(label=_("Kind of annex"), choices=[("", "—"), *AttachmentKind.choices])
    file = forms.FileField(
        label=_("File"), allow_empty_file=True, max_length=None,
        widget=forms.FileInput(attrs={"accept": accept_attribute()}),
    )

    def __init__(self, *args, too_big=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_big = too_big
        if too_big:
            self.fields["file"].required = False  # it was dropped on purpose: say why instead

    @property
    def limit_mb(self):
        return settings.UPLOAD_MAX_MB

    def clean(self):
        data = super().clean()
        if self.too_big:
            self.add_error("file", too_big_message(self.too_big))
        return data


class CompareForm(forms.Form):
    """Which two versions to compare: ``from`` and ``to`` (a number, or ``current``)."""

    def __init__(self, data, *, numbers, allow_current):
        super().__init__(data)
        choices = [(str(n), _("Version %(number)s") % {"number": n}) for n in numbers]
        self.fields["from"] = forms.TypedChoiceField(label=_("From"), choices=choices, coerce=int)
        to_choices = [*choices, ("current", _("Current draft"))] if allow_current else choices
        self.fields["to"] = forms.ChoiceField(label=_("To"), choices=to_choices)

    def clean(self):
        data = super().clean()
        if "from" in data and "to" in data and str(data["from"]) == data["to"]:
            self.add_error("to", _("Choose two different versions."))
        return data
