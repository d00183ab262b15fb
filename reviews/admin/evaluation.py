"""The working group's scoring: assignments, their scores, the Office's reopen action, and zone groups."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User
from core.admin import OfficeOnly

from ..evaluation.services import reopen_assignment
from ..models import CriterionScore, EvaluatorAssignment, ZoneGroup
from .search import PROPOSAL_SEARCH, USER_SEARCH


@admin.action(description=_("Send the scores back to their evaluator (reopen as a draft)"))
def reopen_for_scoring(modeladmin, request, queryset):
    done = 0
    for assignment in queryset.filter(submitted_at__isnull=False):
        reopen_assignment(assignment=assignment, by=request.user)
        done += 1
    modeladmin.message_user(
        request,
        ngettext("%(n)d assignment reopened.", "%(n)d assignments reopened.", done) % {"n": done},
        messages.SUCCESS,
    )


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
    actions = (reopen_for_scoring,)

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


@admin.register(ZoneGroup)
class ZoneGroupAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("number", "region", "announced_on")
    list_select_related = ("region",)
    list_filter = ("region__scheme",)
