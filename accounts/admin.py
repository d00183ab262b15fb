"""Users and their organisations, and the access rule every portal admin shares."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Invitation, Membership, User
from .permissions import is_office_staff


class OfficeOnly:
    """Mixed into every ModelAdmin and inline of the portal's own models.

    The portal's records are the Smart City Office's work, so the office flag is
    the grant: an officer needs no per-model Django permissions.  Anyone else
    who reaches the admin (``is_staff`` without the flag) gets nothing, whatever
    permissions they were given, and an empty queryset behind that in case a
    view forgets to ask (defence in depth).

    ``django_perms_for`` names the actions where the flag alone is not enough:
    writing users and memberships hands out power, so that also needs Django's
    own permission (a superuser has them all).
    """

    django_perms_for = frozenset()

    def _office(self, request) -> bool:
        return is_office_staff(request.user)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs if self._office(request) else qs.none()

    def has_module_permission(self, request):
        return self._office(request)

    def has_view_permission(self, request, obj=None):
        if "view" in self.django_perms_for:
            return self._office(request) and super().has_view_permission(request, obj)
        return self._office(request)

    # Inlines pass obj, model admins do not: accept both.
    def has_add_permission(self, request, *args):
        if "add" in self.django_perms_for:
            return self._office(request) and super().has_add_permission(request, *args)
        return self._office(request)

    def has_change_permission(self, request, obj=None):
        if "change" in self.django_perms_for:
            return self._office(request) and super().has_change_permission(request, obj)
        return self._office(request)

    def has_delete_permission(self, request, obj=None):
        if "delete" in self.django_perms_for:
            return self._office(request) and super().has_delete_permission(request, obj)
        return self._office(request)


# Officers may look users up (to pick an evaluator or a member of a body), but
# creating, editing or deleting them needs Django's own permission.
WRITE = frozenset({"add", "change", "delete"})


class ReadOnly:
    """Nobody adds, edits or deletes these here, not even a superuser: the
    answers come before Django's own permission check."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(OfficeOnly, admin.TabularInline):
    """Rows shown beside their parent that are never written from there."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
    fieldsets = _with_portal_fields(DjangoUserAdmin.fieldsets)
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
