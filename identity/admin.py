"""The Office links a person to a provider's subject by hand (a provider that gives no e-mail, such as
ThaiD's national-ID-derived subject) and sets the sign-in rule for the people who decide."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import OfficeOnly

from . import providers
from .models import LinkedIdentity, SignInRule


@admin.register(LinkedIdentity)
class LinkedIdentityAdmin(OfficeOnly, admin.ModelAdmin):
    # A link lets someone sign in as the person: as with writing users, Django's permission too.
    django_perms_for = frozenset({"add", "change", "delete"})
    list_display = ("user", "provider", "subject", "linked_by", "linked_at", "last_sign_in_at")
    list_filter = ("provider", "linked_by")
    search_fields = ("user__username", "user__email", "subject")
    autocomplete_fields = ("user",)
    readonly_fields = ("linked_at", "last_sign_in_at")
    list_select_related = ("user",)


class SignInRuleForm(forms.ModelForm):
    class Meta:
        model = SignInRule
        fields = ("deciders",)

    def clean_deciders(self):
        value = self.cleaned_data["deciders"]
        if value != "password" and not providers.configured():
            # With no provider, the people who decide (the Office among them) could not sign in at all.
            raise forms.ValidationError(_("No state digital ID provider is configured on this server: "
                                          "the people who decide could not sign in."))
        return value


@admin.register(SignInRule)
class SignInRuleAdmin(OfficeOnly, admin.ModelAdmin):
    form = SignInRuleForm
    list_display = ("deciders", "changed_at")

    def has_delete_permission(self, request, obj=None):
        return False
