"""The working group's scoring: assignments, their scores, the Office's reopen action, and zone groups."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User
from core.admin import OfficeOnly, ReadOnlyInline

from ..evaluation.services import reopen_assignment
from ..evaluation.zones import named_by
from ..models import CriterionScore, EvaluatorAssignment, ScoreReopening, ScoreSubmission, ZoneGroup
from .record import LockedOnceRecorded, NoBulkDelete
from .search import PROPOSAL_SEARCH, USER_SEARCH


@admin.action(description=_("Send the scores back to their evaluator (reopen as a draft)"))
def reopen_for_scoring(modeladmin, request, queryset):
    """A confirmation page first, asking why (the reopening is recorded); the submitted scores stay."""
    submitted = list(queryset.filter(submitted_at__isnull=False).select_related("proposal", "dimension", "evaluator"))
    if request.POST.get("post") != "yes":
        return TemplateResponse(request, "admin/reviews/evaluatorassignment/reopen_confirmation.html", {
            **modeladmin.admin_site.each_context(request),
            "title": _("Send the scores back to their evaluator (reopen as a draft)"),
            "opts": modeladmin.model._meta, "assignments": submitted,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        })
    reason = (request.POST.get("reason") or "").strip()
    for assignment in submitted:
        reopen_assignment(assignment=assignment, by=request.user, reason=reason)
    done = len(submitted)
    modeladmin.message_user(
        request,
        ngettext("%(n)d assignment reopened.", "%(n)d assignments reopened.", done) % {"n": done},
        messages.SUCCESS,
    )
    return None


class CriterionScoreInline(OfficeOnly, admin.TabularInline):
    """The evaluator's scores: read only once submitted (reopen first; the reopening is recorded)."""

    model = CriterionScore
    extra = 0
    fields = ("subcriterion", "score", "comment")

    def has_add_permission(self, request, obj=None):
        return not (obj is not None and obj.submitted_at) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not (obj is not None and obj.submitted_at) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj is not None and obj.submitted_at) and super().has_delete_permission(request, obj)

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


class ScoreSubmissionInline(ReadOnlyInline):
    model = ScoreSubmission
    fields = ("submitted_at", "by", "total", "version")
    readonly_fields = fields
    show_change_link = True


class ScoreReopeningInline(ReadOnlyInline):
    model = ScoreReopening
    fields = ("at", "by", "reason")
    readonly_fields = fields


@admin.register(EvaluatorAssignment)
class EvaluatorAssignmentAdmin(NoBulkDelete, OfficeOnly, admin.ModelAdmin):
    list_display = ("proposal", "dimension", "evaluator", "due_on", "submitted_at")
    list_select_related = ("proposal", "dimension", "evaluator")
    list_filter = ("dimension", "submitted_at", "due_on")
    search_fields = (*PROPOSAL_SEARCH, *(f"evaluator__{f}" for f in USER_SEARCH))
    autocomplete_fields = ("proposal",)
    # Submitting and reopening are acts of their own (the evaluator's page, the action here), recorded.
    readonly_fields = ("version", "submitted_at")
    inlines = (CriterionScoreInline, ScoreSubmissionInline, ScoreReopeningInline)
    actions = (reopen_for_scoring,)

    def has_delete_permission(self, request, obj=None):
        # Once submitted, its scores are the record (a submission protects it in the database too).
        if obj is not None and (obj.submitted_at or obj.submissions.exists()):
            return False
        return super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "evaluator":
            # Only the working group's experts; a short list, so a plain select.
            kwargs["queryset"] = User.objects.filter(is_evaluator=True, is_active=True).order_by(
                "first_name", "last_name"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(CriterionScore)
class CriterionScoreAdmin(LockedOnceRecorded, OfficeOnly, admin.ModelAdmin):
    """Read only while its assignment is submitted: the Office reopens it first (recorded)."""

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

    def is_recorded(self, obj):
        return obj.assignment.submitted_at is not None

    @admin.display(description=_("proposal"), ordering="assignment__proposal_id")
    def proposal(self, obj):
        return obj.assignment.proposal

    @admin.display(description=_("dimension"), ordering="assignment__dimension__order")
    def dimension(self, obj):
        return obj.assignment.dimension

    @admin.display(description=_("evaluator"), ordering="assignment__evaluator__first_name")
    def evaluator(self, obj):
        return obj.assignment.evaluator


@admin.register(ZoneGroup)
class ZoneGroupAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("number", "region", "announced_on")
    list_select_related = ("region",)
    list_filter = ("region__scheme",)

    def get_deleted_objects(self, objs, request):
        # Proposals name their group by a plain id: list them as protected, as the foreign key's
        # PROTECT did, so the delete page refuses before the pre_delete receiver would.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        named = [f"{capfirst(p._meta.verbose_name)}: {p}" for p in named_by([g.pk for g in objs])]
        return deleted, counts, perms_needed, [*protected, *named]
