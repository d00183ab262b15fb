"""The access rule every admin of the portal's own models shares, and read-only pieces.

Every app's ModelAdmin and inline mixes in :class:`OfficeOnly`; rows that are a record
(history, votes, deliveries) are shown with :class:`ReadOnly` or :class:`ReadOnlyInline`.
:class:`OfficeOnly` also gives every admin its "History": the audit trail of the object
(and of its parts) with the values before and after each change (core/audit.py).
"""

from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .access import is_office_staff
from .audit import trail_of
from .forms import LocalDateField, LocalDateInput, LocalDateTimeField, LocalDateTimeInput
from .paging import BoundedPaginator
from .trail import trail_rows


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

    # Dates typed and shown as on the portal's pages (core/forms.py): 17/12/2569 on a Thai page,
    # not the admin's Christian-Era calendar, which read 2569 as A.D. and numbered a meeting 1/3112.
    formfield_overrides = {
        models.DateTimeField: {"form_class": LocalDateTimeField, "widget": LocalDateTimeInput},
        models.DateField: {"form_class": LocalDateField, "widget": LocalDateInput},
    }
    # Lists of 100,000 proposals and a million history rows (issue 16): no second count of the
    # whole table beside the filtered one, and the count itself bounded (core/paging.py).
    show_full_result_count = False
    paginator = BoundedPaginator

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

    # The audit trail: Django's own history names the fields an admin form changed; this
    # shows every change made anywhere (admin, staff pages, services) with before and after.
    trail_per_page = 50

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        page = Paginator(trail_of(obj), self.trail_per_page).get_page(request.GET.get("page"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("History: %(object)s") % {"object": obj},
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "module_name": str(capfirst(self.opts.verbose_name_plural)),
            "page": page,
            "rows": trail_rows(page),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/trail_history.html", context)

    def get_deleted_objects(self, objs, request):
        # A person named in the audit trail stays: the trail is append-only (PostgreSQL
        # refuses to blank its actor), so the admin says so instead of failing.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if self.model is get_user_model():
            actors = LogEntry.objects.filter(actor__in=[o.pk for o in objs]).values_list("actor_id", flat=True)
            named = set(actors.distinct())
            protected = [*protected, *(
                _("%(person)s: changes kept in the audit trail") % {"person": o} for o in objs if o.pk in named
            )]
        return deleted, counts, perms_needed, protected


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


class TrailAdmin(ReadOnly, OfficeOnly, admin.ModelAdmin):
    """The whole audit trail, for searching across objects: read, never written or deleted."""

    list_display = ("timestamp", "content_type", "object_repr", "action", "actor", "cid")
    list_select_related = ("content_type", "actor")
    list_filter = ("action", "content_type")
    search_fields = ("object_repr", "cid", "actor__username", "actor_email")
    fields = ("timestamp", "actor", "actor_email", "content_type", "object_pk", "object_repr", "action",
              "changes_shown", "cid", "remote_addr", "additional_data")
    readonly_fields = fields

    @admin.display(description=gettext_lazy("before → after"))
    def changes_shown(self, obj):
        changes = trail_rows([obj])[0].changes
        return format_html(
            "<table><tr><th>{}</th><th>{}</th><th>{}</th></tr>{}</table>",
            _("field"), _("before"), _("after"),
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                             ((c.label, c.before, c.after) for c in changes)),
        )


# auditlog's own admin lets any is_staff user with its permissions read the trail; the
# Office's rule applies here as everywhere ("auditlog" comes before "core" in INSTALLED_APPS).
if admin.site.is_registered(LogEntry):
    admin.site.unregister(LogEntry)
admin.site.register(LogEntry, TrailAdmin)
