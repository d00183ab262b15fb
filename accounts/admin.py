"""Users and their organisations (the access rule every portal admin shares is core.admin.OfficeOnly)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import OfficeOnly, ReadOnly

from . import second_factor
from .models import ApiToken, Invitation, Membership, SecondFactorReset, User

# Officers may look users up (to pick an evaluator or a member of a body), but
# creating, editing or deleting them needs Django's own permission.
WRITE = frozenset({"add", "change", "delete"})


class MembershipInline(OfficeOnly, admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    fields = ("organisation", "is_admin", "joined_at")
    readonly_fields = ("joined_at",)
    autocomplete_fields = ("organisation",)
    django_perms_for = WRITE

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")


def _with_portal_fields(fieldsets):
    # Django's sections, with the portal's columns where a reader looks for them.
    out = []
    for title, options in fieldsets:
        fields = tuple(options["fields"])
        if "first_name" in fields:
            fields += ("position", "phone", "preferred_language")
        if "is_staff" in fields:
            at = fields.index("is_staff") + 1
            fields = fields[:at] + ("is_office_staff", "is_evaluator") + fields[at:]
        out.append((title, {**options, "fields": fields}))
    return tuple(out)


@admin.register(User)
class UserAdmin(OfficeOnly, DjangoUserAdmin):
    django_perms_for = WRITE
    fieldsets = _with_portal_fields(DjangoUserAdmin.fieldsets) + (
        (_("Second factor"), {"fields": ("second_factor_status",)}),
    )
    readonly_fields = ("second_factor_status",)
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        (_("Smart City portal"), {
            "classes": ("wide",),
            "fields": ("first_name", "last_name", "email", "is_office_staff", "is_evaluator", "is_staff"),
        }),
    )
    list_display = (
        "username", "first_name", "last_name", "email", "is_office_staff", "is_evaluator", "is_staff", "is_active",
    )
    list_filter = (
        "is_office_staff", "is_evaluator", "is_staff", "is_superuser", "is_active", "preferred_language", "groups",
    )
    search_fields = (
        "username", "first_name", "last_name", "email",
        "memberships__organisation__name_th", "memberships__organisation__name_en",
    )
    inlines = (MembershipInline,)

    @admin.display(description=_("second factor"))
    def second_factor_status(self, obj):
        # The change page only (one person): the list does not show it.
        if obj is None or obj.pk is None:
            return "—"
        device = second_factor.authenticator(obj)
        if device is None:
            state = _("no authenticator app set up")
        else:
            left = second_factor.recovery_codes_left(obj)
            state = ngettext("authenticator app set up; %(count)d recovery code left",
                             "authenticator app set up; %(count)d recovery codes left", left) % {"count": left}
        return format_html('{} · <a href="{}">{}</a>', state, reverse("second-factor-reset", args=[obj.pk]),
                           _("reset (recorded)…"))


@admin.register(Membership)
class MembershipAdmin(OfficeOnly, admin.ModelAdmin):
    django_perms_for = WRITE
    list_display = ("user", "organisation", "is_admin", "joined_at")
    list_select_related = ("user", "organisation")
    list_filter = ("is_admin", "organisation__kind")
    search_fields = (
        "user__username", "user__first_name", "user__last_name", "user__email",
        "organisation__name_th", "organisation__name_en",
    )
    autocomplete_fields = ("user", "organisation")
    readonly_fields = ("joined_at",)


@admin.register(Invitation)
class InvitationAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("email", "organisation", "invited_by", "created_at", "expires_at", "accepted_at")
    list_select_related = ("organisation", "invited_by")
    list_filter = ("accepted_at", "expires_at")
    search_fields = ("email", "organisation__name_th", "organisation__name_en")
    readonly_fields = ("token", "created_at", "accepted_at", "accepted_by")
    autocomplete_fields = ("organisation", "invited_by")


@admin.register(ApiToken)
class ApiTokenAdmin(OfficeOnly, admin.ModelAdmin):
    """Who holds API tokens, for how long; an officer may revoke one (delete). Tokens are issued
    by the API alone (the key is shown once, to its holder), never added or edited here."""

    django_perms_for = frozenset({"delete"})
    list_display = ("token_key", "user", "name", "created", "expiry")
    list_select_related = ("user",)
    list_filter = ("expiry",)
    search_fields = ("user__username", "user__first_name", "user__last_name", "user__email", "name", "token_key")
    fields = ("user", "name", "token_key", "created", "expiry")
    readonly_fields = fields

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SecondFactorReset)
class SecondFactorResetAdmin(ReadOnly, OfficeOnly, admin.ModelAdmin):
    """The record of second-factor resets (made on the reset page, never here)."""

    list_display = ("at", "user", "by", "reason")
    list_select_related = ("user", "by")
    search_fields = ("user__username", "user__first_name", "user__last_name", "user__email", "reason")
    date_hierarchy = "at"
    fields = ("user", "by", "at", "reason", "removed")
    readonly_fields = fields
