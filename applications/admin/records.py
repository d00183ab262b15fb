"""The parts of a proposal, its history and the programme settings."""

from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import OfficeOnly, ReadOnly
from core.forms import LocalYearField
from core.thai import local_year

from ..models import (
    Attachment,
    DimensionPlan,
    Initiative,
    PlanIndicator,
    ProgrammeSettings,
    ProposalAmendment,
    ProposalVersion,
    StatusChange,
    StepDraft,
)

PROPOSAL_SEARCH = ("proposal__name_th", "proposal__name_en", "proposal__organisation__name_th")


class ShowsResolution:
    """A history row's deciding resolution (a generic link), linked to its own admin page as a foreign key is."""

    @admin.display(description=_("meeting resolution"))
    def resolution(self, obj):
        decision = obj.resolution
        if decision is None:
            return None
        opts = decision._meta
        try:
            url = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[decision.pk], current_app=self.admin_site.name
            )
        except NoReverseMatch:
            return str(decision)
        return format_html('<a href="{}">{}</a>', url, decision)


class InitiativeInline(OfficeOnly, admin.TabularInline):
    model = Initiative
    extra = 0
    fields = ("title", "description", "budget_thb", "start_date", "end_date")


class TargetYearInBE:
    """The target year asked and shown in the reader's calendar (B.E. on a Thai page), stored A.D."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "target_year":
            return LocalYearField(label=_("Target year"), required=not db_field.blank)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("target year"), ordering="target_year")
    def target_year_local(self, obj):
        return local_year(obj.target_year)


class PlanIndicatorInline(TargetYearInBE, OfficeOnly, admin.TabularInline):
    model = PlanIndicator
    extra = 0
    fields = ("indicator", "name", "unit", "baseline", "target", "target_year")
    autocomplete_fields = ("indicator",)


@admin.register(DimensionPlan)
class DimensionPlanAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("proposal", "dimension")
    list_select_related = ("proposal", "dimension")
    list_filter = ("dimension", "proposal__status")
    search_fields = (*PROPOSAL_SEARCH, "summary")
    autocomplete_fields = ("proposal",)
    inlines = (InitiativeInline, PlanIndicatorInline)


class _PlanPartAdmin(OfficeOnly, admin.ModelAdmin):
    """Initiatives and indicators listed on their own, across proposals."""

    list_select_related = ("plan__proposal", "plan__dimension")
    list_filter = ("plan__dimension",)
    raw_id_fields = ("plan",)

    @admin.display(description=_("proposal"), ordering="plan__proposal_id")
    def proposal(self, obj):
        return obj.plan.proposal

    @admin.display(description=_("dimension"), ordering="plan__dimension__order")
    def dimension(self, obj):
        return obj.plan.dimension


@admin.register(Initiative)
class InitiativeAdmin(_PlanPartAdmin):
    list_display = ("title", "proposal", "dimension", "budget_thb", "start_date", "end_date")
    search_fields = ("title", "description", "plan__proposal__name_th", "plan__proposal__name_en")


@admin.register(PlanIndicator)
class PlanIndicatorAdmin(TargetYearInBE, _PlanPartAdmin):
    list_display = ("name", "proposal", "dimension", "unit", "baseline", "target", "target_year_local")
    search_fields = ("name", "plan__proposal__name_th", "plan__proposal__name_en")
    autocomplete_fields = ("indicator",)


@admin.register(Attachment)
class AttachmentAdmin(ReadOnly, OfficeOnly, admin.ModelAdmin):
    """Read-only: files are uploaded by proponents through the portal's checks."""

    list_display = ("original_name", "proposal", "kind", "size", "uploaded_by", "uploaded_at")
    list_select_related = ("proposal", "uploaded_by")
    list_filter = ("kind", "uploaded_at")
    search_fields = ("original_name", "sha256", *PROPOSAL_SEARCH)
    # Not the file field: its link would bypass the view that checks who may read it.
    fields = ("proposal", "kind", "original_name", "content_type", "size", "sha256", "uploaded_by", "uploaded_at")
    readonly_fields = fields


@admin.register(StatusChange)
class StatusChangeAdmin(ShowsResolution, ReadOnly, OfficeOnly, admin.ModelAdmin):
    """The history: readable by the Office, written only by the workflow, never edited by anyone."""

    list_display = ("at", "proposal", "action", "from_state", "to_state", "actor", "actor_role", "deadline")
    list_select_related = ("proposal", "actor")
    list_filter = ("action", "to_state", "actor_role")
    search_fields = (*PROPOSAL_SEARCH, "note", "actor__username", "actor__first_name", "actor__last_name")
    fields = (
        "proposal", "at", "action", "from_state", "to_state", "actor", "actor_role", "note", "deadline",
        "resolution",
    )
    readonly_fields = fields


@admin.register(ProposalVersion)
class ProposalVersionAdmin(ReadOnly, OfficeOnly, admin.ModelAdmin):
    """Frozen at each hand-in by the workflow; read here, compared on the portal's version pages."""

    list_display = ("proposal", "number", "created_at", "status_change")
    list_select_related = ("proposal", "status_change")
    search_fields = PROPOSAL_SEARCH
    fields = ("proposal", "number", "created_at", "status_change", "snapshot")
    readonly_fields = fields


@admin.register(ProposalAmendment)
class ProposalAmendmentAdmin(ReadOnly, OfficeOnly, admin.ModelAdmin):
    """A record: asked for and decided on the portal (the amendments pages), never edited here."""

    list_display = ("proposal", "requested_at", "requested_by", "state", "decided_at", "decided_by")
    list_select_related = ("proposal", "requested_by", "decided_by")
    list_filter = ("state",)
    search_fields = (*PROPOSAL_SEARCH, "reason", "decision_note")
    fields = ("proposal", "changes", "reason", "requested_by", "requested_at", "state", "decided_by",
              "decided_at", "decision_note")
    readonly_fields = fields


@admin.register(StepDraft)
class StepDraftAdmin(ReadOnly, OfficeOnly, admin.ModelAdmin):
    """What proponents typed but have not saved yet: readable to help them on the phone, never edited here."""

    list_display = ("proposal", "step", "user", "saved_at")
    list_select_related = ("proposal", "user")
    list_filter = ("step",)
    search_fields = PROPOSAL_SEARCH
    fields = ("proposal", "step", "user", "saved_at", "data")
    readonly_fields = fields


@admin.register(ProgrammeSettings)
class ProgrammeSettingsAdmin(OfficeOnly, admin.ModelAdmin):
    """A single row: it can be changed, never added twice or deleted."""

    list_display = (
        "__str__", "min_dimensions", "pass_mark_percent", "validity_years", "renewal_min_progress_percent",
        "revision_days",
    )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not ProgrammeSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
