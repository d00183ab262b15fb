"""Bodies, meetings and their resolutions, and the working group's scoring."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.admin import OfficeOnly, ReadOnly

from .models import (
    AgendaItem,
    Attendance,
    Body,
    BodyMembership,
    ConflictDeclaration,
    CriterionScore,
    EvaluatorAssignment,
    Meeting,
    Resolution,
    Vote,
    ZoneGroup,
)

PROPOSAL_SEARCH = ("proposal__name_th", "proposal__name_en", "proposal__organisation__name_th")
USER_SEARCH = ("username", "first_name", "last_name", "email")


class BodyMembershipInline(OfficeOnly, admin.TabularInline):
    model = BodyMembership
    extra = 0
    fields = ("user", "role", "affiliation", "term_start", "term_end")
    autocomplete_fields = ("user",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


@admin.register(Body)
class BodyAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("name_th", "name_en", "kind", "notice_days", "quorum_fraction")
    list_filter = ("kind",)
    search_fields = ("name_th", "name_en")
    inlines = (BodyMembershipInline,)


@admin.register(BodyMembership)
class BodyMembershipAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("user", "body", "role", "affiliation", "term_start", "term_end")
    list_select_related = ("user", "body")
    list_filter = ("body", "role")
    search_fields = (*(f"user__{f}" for f in USER_SEARCH), "affiliation")
    autocomplete_fields = ("user",)


class AgendaItemInline(OfficeOnly, admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ("order", "proposal")
    autocomplete_fields = ("proposal",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("proposal")


@admin.register(Meeting)
class MeetingAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("label", "body", "held_at", "place")
    list_display_links = ("label",)
    list_select_related = ("body",)
    list_filter = ("body", "year_be")
    search_fields = ("place", "body__name_th", "body__name_en", "agenda__proposal__name_th")
    date_hierarchy = "held_at"
    fields = ("body", "year_be", "number", "label", "held_at", "place")
    readonly_fields = ("label",)
    inlines = (AgendaItemInline,)

    @admin.display(description=_("meeting no."), ordering="year_be")
    def label(self, obj):
        # "ครั้งที่ 1/2565": the number staff and minutes use.
        return obj.label if obj and obj.pk else "—"


@admin.register(AgendaItem)
class AgendaItemAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("meeting", "order", "proposal")
    list_select_related = ("meeting__body", "proposal")
    list_filter = ("meeting__body", "meeting__year_be")
    search_fields = PROPOSAL_SEARCH
    autocomplete_fields = ("meeting", "proposal")


@admin.register(Resolution)
class ResolutionAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("meeting", "proposal", "kind", "recorded_by", "recorded_at")
    list_select_related = ("meeting__body", "proposal", "recorded_by")
    list_filter = ("kind", "meeting__body", "meeting__year_be")
    search_fields = (*PROPOSAL_SEARCH, "text")
    autocomplete_fields = ("meeting", "proposal")
    readonly_fields = ("recorded_by", "recorded_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


class CriterionScoreInline(OfficeOnly, admin.TabularInline):
    model = CriterionScore
    extra = 0
    fields = ("subcriterion", "score", "comment")

    def get_formset(self, request, obj=None, **kwargs):
        # Inline instances are built per request, so keeping the parent here is safe.
        self.parent = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "subcriterion":
            qs = db_field.related_model.objects.select_related("dimension")
            parent = getattr(self, "parent", None)
            if parent is not None:
                qs = qs.filter(dimension_id=parent.dimension_id)  # only the assigned dimension's
            kwargs["queryset"] = qs
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(EvaluatorAssignment)
class EvaluatorAssignmentAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("proposal", "dimension", "evaluator", "due_on", "submitted_at")
    list_select_related = ("proposal", "dimension", "evaluator")
    list_filter = ("dimension", "submitted_at", "due_on")
    search_fields = (*PROPOSAL_SEARCH, *(f"evaluator__{f}" for f in USER_SEARCH))
    autocomplete_fields = ("proposal",)
    inlines = (CriterionScoreInline,)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "evaluator":
            # Only the working group's experts; a short list, so a plain select.
            kwargs["queryset"] = User.objects.filter(is_evaluator=True, is_active=True).order_by(
                "first_name", "last_name"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(CriterionScore)
class CriterionScoreAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("proposal", "dimension", "evaluator", "subcriterion", "score")
    list_select_related = (
        "assignment__proposal", "assignment__dimension", "assignment__evaluator", "subcriterion",
    )
    list_filter = ("assignment__dimension",)
    search_fields = (
        "assignment__proposal__name_th", "assignment__proposal__name_en", "comment",
        *(f"assignment__evaluator__{f}" for f in USER_SEARCH),
    )
    raw_id_fields = ("assignment",)

    @admin.display(description=_("proposal"), ordering="assignment__proposal_id")
    def proposal(self, obj):
        return obj.assignment.proposal

    @admin.display(description=_("dimension"), ordering="assignment__dimension__order")
    def dimension(self, obj):
        return obj.assignment.dimension

    @admin.display(description=_("evaluator"), ordering="assignment__evaluator__first_name")
    def evaluator(self, obj):
        return obj.assignment.evaluator


@admin.register(Attendance)
class AttendanceAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("meeting", "member", "present", "recorded_by", "recorded_at")
    list_select_related = ("meeting__body", "member", "recorded_by")
    list_filter = ("present", "meeting__body")
    search_fields = ("member__username", "member__first_name", "member__last_name")


@admin.register(ConflictDeclaration)
class ConflictDeclarationAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("agenda_item", "member", "declared_at")
    list_select_related = ("agenda_item__meeting__body", "member")
    search_fields = ("member__username", "reason")


@admin.register(Vote)
class VoteAdmin(ReadOnly, OfficeOnly, admin.ModelAdmin):
    """Votes are cast by members on their own pages; here they are only read."""

    list_display = ("agenda_item", "member", "choice", "cast_at")
    list_select_related = ("agenda_item__meeting__body", "member")
    list_filter = ("choice",)
    readonly_fields = ("agenda_item", "member", "choice", "reason", "cast_at")


@admin.register(ZoneGroup)
class ZoneGroupAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("number", "region", "announced_on")
    list_select_related = ("region",)
    list_filter = ("region__scheme",)


# Custom admin views and actions, one module per area.
from . import (  # noqa: E402
    admin_evaluation,  # noqa: F401  (evaluation's admin actions)
    admin_meetings,  # noqa: F401  (staff schedule meetings through the service)
)
