"""The Office's admin shortcuts for evaluation: reopen submitted scores, and the way to the score matrix."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .evaluation.services import reopen_assignment
from .models import EvaluatorAssignment


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


_assignments = admin.site._registry[EvaluatorAssignment]
_assignments.actions = (*(_assignments.actions or ()), reopen_for_scoring)
