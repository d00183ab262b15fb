"""The admin of the privacy app. The notice's versions and the answers to it are a record: shown,
never written here (a new version is published from the notice's page); requests are answered on
their page, which runs the erasure rules; the retention periods may be edited here too."""

from django.contrib import admin

from core.admin import OfficeOnly, ReadOnly

from .models import Acknowledgement, DataRequest, PrivacyNotice, RetentionPeriod, SignInEvent


@admin.register(PrivacyNotice)
class PrivacyNoticeAdmin(ReadOnly, OfficeOnly, admin.ModelAdmin):
    list_display = ("version", "published_at", "published_by")
    list_select_related = ("published_by",)


@admin.register(Acknowledgement)
class AcknowledgementAdmin(ReadOnly, OfficeOnly, admin.ModelAdmin):
    list_display = ("at", "user", "notice", "accepted", "language")
    list_select_related = ("user", "notice")
    list_filter = ("accepted",)
    search_fields = ("user__username",)


@admin.register(DataRequest)
class DataRequestAdmin(ReadOnly, OfficeOnly, admin.ModelAdmin):
    list_display = ("id", "kind", "user", "state", "created_at", "due_on", "handled_by")
    list_select_related = ("user", "handled_by")
    list_filter = ("kind", "state")


@admin.register(SignInEvent)
class SignInEventAdmin(OfficeOnly, admin.ModelAdmin):
    """Read here, never written; deleted with its person (a user deleted from the admin takes their
    history along) and by the retention sweep."""

    list_display = ("at", "user", "address")
    list_select_related = ("user",)
    search_fields = ("user__username",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(RetentionPeriod)
class RetentionPeriodAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("key", "days", "updated_at")
