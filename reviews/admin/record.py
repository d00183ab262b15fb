"""The record in the admin (issue 14): shown, never changed or deleted once it is the record;
a mistake is mended by a correction, recorded on the portal's correction page (linked here).

These mixins are the reviews admin's own (core/admin.py keeps the access rule every app shares).
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import OfficeOnly, ReadOnly, ReadOnlyInline

from ..corrections.selectors import KIND_OF
from ..models import Correction, IssuedDocument, ScoreReopening, ScoreSubmission


class NoBulkDelete:
    """No "delete selected" action: a bulk delete would sweep the record along with the rest."""

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class LockedOnceRecorded(NoBulkDelete):
    """Editable until ``is_recorded(obj)``, then read-only and never deleted (the database says the same)."""

    def is_recorded(self, obj) -> bool:
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        if obj is not None and self.is_recorded(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self.is_recorded(obj):
            return False
        return super().has_delete_permission(request, obj)


class RecordAdmin(NoBulkDelete, ReadOnly, OfficeOnly, admin.ModelAdmin):
    """Rows that are the record from the start: read here, corrected on the correction page."""


class CorrectsOnThePortal:
    """A "record a correction" link (the portal's page) on the read-only change page."""

    @admin.display(description=_("correction"))
    def record_correction(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        kind = KIND_OF[type(obj)]
        url = reverse("correction-new", args=[kind, obj.pk])
        return format_html('<a class="button" href="{}">{}</a>', url, _("Record a correction"))


class CorrectionInline(ReadOnlyInline):
    model = Correction
    fields = ("at", "field", "original", "value", "reason", "by", "ordered_by")
    readonly_fields = fields
    fk_name = None  # set per parent

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by", "ordered_by__body")


def corrections_inline(fk):
    return type(f"{fk.title()}CorrectionInline", (CorrectionInline,), {"fk_name": fk})


@admin.register(Correction)
class CorrectionAdmin(RecordAdmin):
    list_display = ("at", "field", "original", "value", "by", "ordered_by")
    list_select_related = ("by", "ordered_by__body")
    list_filter = ("field", "at")
    search_fields = ("reason", "by__username", "by__first_name", "by__last_name")
    fields = ("resolution", "attendance", "conflict", "submission", "field", "original", "value", "reason", "by",
              "at", "ordered_by")
    readonly_fields = fields


@admin.register(ScoreSubmission)
class ScoreSubmissionAdmin(CorrectsOnThePortal, RecordAdmin):
    """Each submission of scores as it was submitted; reopening and resubmitting add rows."""

    list_display = ("assignment", "submitted_at", "by", "total")
    list_select_related = ("assignment__proposal", "assignment__dimension", "assignment__evaluator", "by")
    list_filter = ("submitted_at",)
    search_fields = ("assignment__proposal__name_th", "by__username", "by__first_name", "by__last_name")
    fields = ("assignment", "version", "submitted_at", "by", "total", "scores", "record_correction")
    readonly_fields = fields
    inlines = (corrections_inline("submission"),)


@admin.register(ScoreReopening)
class ScoreReopeningAdmin(RecordAdmin):
    list_display = ("assignment", "at", "by", "reason")
    list_select_related = ("assignment__proposal", "assignment__dimension", "assignment__evaluator", "by")
    fields = ("assignment", "submission", "at", "by", "reason")
    readonly_fields = fields


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(RecordAdmin):
    """The signed certificates and minutes, edition by edition (issue 19): issued by the portal when a
    document is asked for and its record changed; never edited, a new edition supersedes."""

    list_display = ("number", "kind", "edition", "reason", "issued_at", "development_key", "timestamped")
    list_filter = ("kind", "reason", "development_key", "timestamped")
    search_fields = ("number", "sha256")
    fields = ("kind", "number", "edition", "proposal", "meeting", "issued_at", "reason", "supersedes", "sha256",
              "content_sha256", "facts", "development_key", "timestamped", "signer_certificate", "verification")
    readonly_fields = fields

    @admin.display(description=_("verification page"))
    def verification(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        if obj.proposal_id:
            url = reverse("verify-certificate", kwargs={"number": obj.number})
        else:
            url = reverse("verify-minutes", kwargs={"pk": obj.meeting_id})
        return format_html('<a href="{}">{}</a>', url, url)
