from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin import OfficeOnly

from .models import Notification


class DeliveredFilter(admin.SimpleListFilter):
    title = _("e-mailed")
    parameter_name = "delivered"

    def lookups(self, request, model_admin):
        return (("yes", _("yes")), ("no", _("not yet")))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(sent_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(sent_at__isnull=True)
        return queryset


@admin.register(Notification)
class NotificationAdmin(OfficeOnly, admin.ModelAdmin):
    """The outbox, for reading: what was said to whom, and whether it went out."""

    list_display = ("created_at", "recipient", "event", "subject", "sent_at", "read_at", "attempts")
    list_select_related = ("recipient",)
    list_filter = (DeliveredFilter, "event", "created_at")
    search_fields = ("subject", "event", "recipient__username", "recipient__email", "recipient__last_name")
    date_hierarchy = "created_at"
    fields = (
        "recipient", "event", "proposal", "status_change", "subject", "body", "created_at", "sent_at", "read_at",
        "attempts", "last_error",
    )
    readonly_fields = fields

    # Written only alongside the event it reports (the outbox), so never by hand.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
