"""The access rule every admin of the portal's own models shares, and read-only pieces.

Every app's ModelAdmin and inline mixes in :class:`OfficeOnly`; rows that are a record
(history, votes, deliveries) are shown with :class:`ReadOnly` or :class:`ReadOnlyInline`.
"""

from django.contrib import admin

from .access import is_office_staff


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
