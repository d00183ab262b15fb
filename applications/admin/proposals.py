"""The proposal admin: the Office's main desk."""

import re

from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from core.admin import OfficeOnly, ReadOnlyInline

from ..amendments.facts import PUBLIC_FACTS, facts_are_public
from ..enums import Role
from ..models import Attachment, DimensionPlan, Proposal, ProposalAmendment, StatusChange
from ..workflow import move_problems, moves_from
from .moves import WORKFLOW_ACTIONS
from .records import ShowsResolution

# The reference shown everywhere, SC-<B.E. year>-<id>: its id is enough to find it.
REFERENCE = re.compile(r"^SC-\d{4}-0*(\d+)$", re.IGNORECASE)

# Shown, never written here: only applications.workflow.transition() moves a proposal.
WORKFLOW_READONLY = (
    "status", "status_changed_at", "revision_deadline", "submitted_at", "certified_on", "valid_until",
)


class DimensionPlanInline(OfficeOnly, admin.TabularInline):
    model = DimensionPlan
    extra = 0
    fields = ("dimension", "summary")
    show_change_link = True  # initiatives and indicators are edited on the plan's own page


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    # Not the file itself: uploads are served only through the portal's checked view.
    fields = ("original_name", "kind", "content_type", "size", "uploaded_by", "uploaded_at")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")


class StatusChangeInline(ShowsResolution, ReadOnlyInline):
    model = StatusChange
    verbose_name_plural = _("history")
    fields = ("at", "action", "from_state", "to_state", "actor", "actor_role", "note", "deadline", "resolution")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor").prefetch_related("resolution__meeting")


class AmendmentInline(ReadOnlyInline):
    model = ProposalAmendment
    fields = ("requested_at", "requested_by", "changes", "reason", "state", "decided_by", "decided_at",
              "decision_note")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("requested_by", "decided_by")


# Inlines the apps above add to a proposal's page (notifications: what was sent about it),
# registered from their own admin modules; the proposal's own parts come first.
_EXTRA_INLINES = []


def proposal_inline_register(inline) -> None:
    if inline not in _EXTRA_INLINES:
        _EXTRA_INLINES.append(inline)


@admin.register(Proposal)
class ProposalAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = (
        "reference", "name_th", "organisation", "province", "status", "status_changed_at", "revision_deadline",
    )
    list_display_links = ("reference", "name_th")
    list_select_related = ("organisation", "organisation__province")
    list_filter = (
        "status", "city_type", "organisation__kind", "organisation__province__region_four",
        "organisation__province__region_six",
    )
    search_fields = (
        "name_th", "name_en", "organisation__name_th", "organisation__name_en",
        "organisation__province__name_th", "organisation__province__name_en",
    )
    search_help_text = _("Name of the area or the organisation, or a reference such as SC-2568-00012.")
    autocomplete_fields = ("organisation", "provinces")
    readonly_fields = ("reference", "created_by", *WORKFLOW_READONLY, "office_moves", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("reference", "organisation", "created_by")}),
        (_("Status"), {"fields": (*WORKFLOW_READONLY, "office_moves")}),
        (_("Criterion 1: target area, vision and goals"), {"fields": (
            "name_th", "name_en", "provinces", "boundary_description", "area_km2", "population", "city_type",
            "vision", "goals",
        )}),
        (_("Criterion 2: infrastructure and investment"), {"fields": (
            "infrastructure_plan", "investment_plan", "total_budget_thb",
        )}),
        (_("Criteria 3 and 5: data platform and management"), {"fields": ("data_platform", "management_model")}),
        (_("Record"), {"fields": ("created_at", "updated_at")}),
    )
    inlines = (DimensionPlanInline, AttachmentInline, StatusChangeInline, AmendmentInline)
    actions = WORKFLOW_ACTIONS

    @admin.display(description=_("reference"), ordering="id")
    def reference(self, obj):
        return obj.reference

    @admin.display(description=_("province"), ordering="organisation__province__code")
    def province(self, obj):
        return obj.organisation.province

    @admin.display(description=_("next steps for the Office"))
    def office_moves(self, obj):
        """Each Office move from the current status, with what still stands in its way."""
        if obj is None or obj.pk is None:
            return "—"
        rows = []
        for move in moves_from(obj.status):
            if Role.STAFF not in move.roles:
                continue
            problems = move_problems(move, obj)
            rows.append((move.action.label, " ".join(problems) if problems else _("ready")))
        if not rows:
            return _("none from this status")
        return format_html_join("", "<div><strong>{}</strong>: {}</div>", rows)

    def get_inlines(self, request, obj):
        return (*self.inlines, *_EXTRA_INLINES)

    def _public(self, request, obj) -> bool:
        # Asked by both hooks below on one page: the answer is kept on the request.
        if obj is None or obj.pk is None:
            return False
        cache = request.__dict__.setdefault("_facts_public", {})
        if obj.pk not in cache:
            cache[obj.pk] = facts_are_public(obj)
        return cache[obj.pk]

    def get_readonly_fields(self, request, obj=None):
        # A public proposal's names, provinces and area change only by an accepted amendment.
        fields = super().get_readonly_fields(request, obj)
        return (*fields, *PUBLIC_FACTS) if self._public(request, obj) else fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self._public(request, obj):
            return fieldsets
        note = _("The proposal is public: its names, provinces, area and boundary change only through an "
                 "amendment that the proponent requests and the Office accepts (on the portal's amendments page).")
        return [(title, {**opts, "description": note}) if PUBLIC_FACTS[0] in opts["fields"] else (title, opts)
                for title, opts in fieldsets]

    def get_search_results(self, request, queryset, search_term):
        match = REFERENCE.match(search_term.strip())
        if match:
            return queryset.filter(pk=int(match.group(1))), False
        return super().get_search_results(request, queryset, search_term)

    def has_delete_permission(self, request, obj=None):
        # The record stays for good (and its history protects it anyway):
        # a proponent withdraws, the Office rejects or revokes.
        return False

    def has_add_permission(self, request):
        # Proponents write proposals on the portal, where the history starts with
        # their "create"; a draft made here could only be moved on by its
        # organisation anyway.
        return False
