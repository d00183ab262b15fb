"""The Office's view of the reports (read-only: they move through their own pages), the weights,
and the accepted progress figures (typed in here when a report arrives on paper)."""

from django.contrib import admin

from core.admin import OfficeOnly, ReadOnly, ReadOnlyInline

from .models import AnnualReport, IndicatorResult, IndicatorWeight, InitiativeResult, ProgressReport, ReportEvent


class IndicatorResultInline(ReadOnlyInline):
    model = IndicatorResult
    fields = ("indicator", "value", "comment", "evidence_name")
    readonly_fields = fields


class InitiativeResultInline(ReadOnlyInline):
    model = InitiativeResult
    fields = ("initiative", "status", "spent_thb", "comment")
    readonly_fields = fields


class ReportEventInline(ReadOnlyInline):
    model = ReportEvent
    fields = ("action", "from_state", "to_state", "actor", "at", "note")
    readonly_fields = fields


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnly, OfficeOnly, admin.ModelAdmin):
    list_display = ("proposal", "year_be", "state", "progress_percent", "submitted_at", "decided_at")
    list_filter = ("state", "year")
    search_fields = ("proposal__name_th", "proposal__name_en")
    list_select_related = ("proposal",)
    inlines = [IndicatorResultInline, InitiativeResultInline, ReportEventInline]


@admin.register(IndicatorWeight)
class IndicatorWeightAdmin(OfficeOnly, admin.ModelAdmin):
    """How much each indicator counts in its plan's progress (1 unless set here)."""

    list_display = ("indicator", "weight")
    list_select_related = ("indicator",)
    autocomplete_fields = ()
    raw_id_fields = ("indicator",)
    search_fields = ("indicator__name",)


@admin.register(ProgressReport)
class ProgressReportAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("proposal", "period_end", "progress_percent", "submitted_by", "submitted_at")
    list_select_related = ("proposal", "submitted_by")
    list_filter = ("period_end", "proposal__status")
    search_fields = ("proposal__name_th", "proposal__name_en", "proposal__organisation__name_th", "summary")
    autocomplete_fields = ("proposal",)
    readonly_fields = ("submitted_by",)

    def save_model(self, request, obj, form, change):
        # Who typed it in: the officer, when a report arrives on paper.
        if not change:
            obj.submitted_by = request.user
        super().save_model(request, obj, form, change)


# A report's rows on their own pages, for searching across reports. The record is append-only
# and the rows move only through the report's own pages: nobody adds, edits or deletes here.
# ReadOnly comes first: OfficeOnly answers every permission itself, so the other order would let an
# officer edit them.


@admin.register(IndicatorResult)
class IndicatorResultAdmin(ReadOnly, OfficeOnly, admin.ModelAdmin):
    list_display = ("report", "indicator", "value", "evidence_name")
    search_fields = ("report__proposal__name_th", "report__proposal__name_en", "indicator__name")
    list_select_related = ("report", "indicator")
    exclude = ("evidence",)  # the file is served by the report's page, with its checks


@admin.register(InitiativeResult)
class InitiativeResultAdmin(ReadOnly, OfficeOnly, admin.ModelAdmin):
    list_display = ("report", "initiative", "status", "spent_thb")
    list_filter = ("status",)
    search_fields = ("report__proposal__name_th", "report__proposal__name_en", "initiative__title")
    list_select_related = ("report", "initiative")


@admin.register(ReportEvent)
class ReportEventAdmin(ReadOnly, OfficeOnly, admin.ModelAdmin):
    list_display = ("report", "action", "from_state", "to_state", "actor", "at")
    list_filter = ("action", "to_state")
    search_fields = ("report__proposal__name_th", "report__proposal__name_en", "note")
    list_select_related = ("report", "actor")
