from django import forms
from django.contrib.auth.forms import PasswordResetForm, SetPasswordMixin
from django.template import loader
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext_lazy

from provinces.models import Organisation, OrganisationKind, Province
from provinces.selectors import provinces_in_order

from . import selectors, services
from .models import User

# Django's own catalogue has no Thai for its password validators' messages; naming them here puts
# them in the portal's catalogue, which Django reads first (LOCALE_PATHS), so they show in Thai.
DJANGO_MESSAGES_FOR_THAI = (
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    ngettext_lazy(
        "This password is too short. It must contain at least %(min_length)d character.",
        "This password is too short. It must contain at least %(min_length)d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    gettext_noop("This password is too common."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop("The two password fields didn’t match."),
    gettext_noop("Enter the same password as before, for verification."),
)


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Colleague's e-mail address"), max_length=254,
        help_text=_("We send a link to this address; it works for 14 days."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class AcceptInvitationForm(SetPasswordMixin, forms.Form):
    """The invited person's own details and password; the username is the invited e-mail."""

    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    position = forms.CharField(
        label=_("Position"), max_length=255, help_text=_("For example: Director of the Strategy Division"),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    phone = forms.CharField(
        label=_("Phone"), max_length=32, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("Password"), label2=_("Password again")
    )

    def __init__(self, *args, email, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        super().clean()
        self.validate_passwords()
        # Django's validators, against the person being created (not too close to their name or e-mail).
        person = User(
            username=self.email, email=self.email,
            first_name=self.cleaned_data.get("first_name", ""), last_name=self.cleaned_data.get("last_name", ""),
        )
        self.validate_password_for_user(person)
        return self.cleaned_data


class OrganisationCreateForm(forms.ModelForm):
    first_user_email = forms.EmailField(
        label=_("E-mail of the first user"), max_length=254,
        help_text=_("They receive an invitation and set their own password."),
    )

    class Meta:
        model = Organisation
        fields = ["name_th", "name_en", "kind", "province"]
        labels = {
            "name_th": _("Name in Thai"), "name_en": _("Name in English"),
            "kind": _("Kind of organisation"), "province": _("Province"),
        }
        help_texts = {"name_th": _("As in official documents, e.g. เทศบาลนครภูเก็ต")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = OrganisationKind.objects.order_by("order", "pk")
        self.fields["province"].queryset = Province.objects.all()
        # Thai dictionary order (ICU), which the database's plain ordering does not give.
        self.fields["province"].choices = [("", "---------"), *((p.pk, p.name) for p in provinces_in_order())]
        self.fields["name_en"].required = False

    def clean(self):
        cleaned = super().clean()
        name, province = cleaned.get("name_th"), cleaned.get("province")
        if name and province and selectors.organisation_name_taken(name_th=name, province=province):
            self.add_error("name_th", _("An organisation with this name already exists in this province."))
        return cleaned


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, its e-mail (in the page's language) sent by the task queue after commit."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        subject = loader.render_to_string(subject_template_name, context)
        body = loader.render_to_string(email_template_name, context)
        services.send_mail_after_commit(subject=subject, body=body, recipients=[to_email])


# --- The second factor ------------------------------------------------------------------------

class SecondFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=32, strip=True,
        help_text=_("The 6-digit code your authenticator app shows now, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "autocapitalize": "off",
                                      "spellcheck": "false", "class": "code-input"}),
    )


class EnrolCodeForm(forms.Form):
    code = forms.CharField(
        label=_("The code your app shows now"), max_length=16, strip=True,
        help_text=_("Six digits; the app shows a new one every 30 seconds."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "autofocus": True, "class": "code-input"}),
    )


class ConfirmPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), strip=False,
        help_text=_("To make sure it is you before new recovery codes are shown."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class SecondFactorResetForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=1000,
        help_text=_("For the record, e.g. the person lost their phone and asked in person on 3 March."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
