from django import forms
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.forms import LocalDateField
from provinces.models import Organisation

from .enums import Action
from .models import Proposal

EXAMPLE_NAME = "เมืองอัจฉริยะภูเก็ต"


class TransitionForm(forms.Form):
    action = forms.ChoiceField(label=_("Step"), choices=Action.choices)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    deadline = LocalDateField(label=_("Deadline"), required=False)
    resolution = forms.IntegerField(label=_("Resolution"), required=False, widget=forms.HiddenInput)


class ProposalCreateForm(forms.Form):
    """A new draft: its name, and the organisation when the user works for several."""

    name_th = Proposal._meta.get_field("name_th").formfield(
        help_text=_("For example: เมืองอัจฉริยะภูเก็ต. You can change it later.")
    )
    name_en = Proposal._meta.get_field("name_en").formfield(help_text=_("Optional."))
    organisation = forms.ModelChoiceField(label=_("For the organisation"), queryset=Organisation.objects.none(),
                                          empty_label=None, widget=forms.RadioSelect)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The example is a Thai name on every page: marked as Thai, so an English page's screen
        # reader reads it with a Thai voice (WCAG 3.1.2, language of parts).
        hint = escape(str(self.fields["name_th"].help_text))
        marked = hint.replace(EXAMPLE_NAME, f'<span lang="th">{EXAMPLE_NAME}</span>')
        self.fields["name_th"].help_text = mark_safe(marked)  # noqa: S308 - escaped above
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(memberships__user=user).order_by("name_th")
        self.single = None
        organisations = list(field.queryset)
        if len(organisations) == 1:
            # One organisation: nothing to choose.
            self.single = organisations[0]
            field.required = False
            field.widget = forms.HiddenInput()

    def clean_organisation(self):
        return self.cleaned_data.get("organisation") or self.single

    def to_data(self):
        return {"name_th": self.cleaned_data["name_th"], "name_en": self.cleaned_data["name_en"]}
