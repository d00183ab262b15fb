"""Reads for the editor, scoped to the person asking: a stranger gets 404."""

from django.http import Http404

from ..models import StepDraft
from ..permissions import can_edit_proposal
from ..selectors import get_actionable_proposal


def get_editable_proposal(user, pk):
    """The proposal if ``user`` may write it now; 404 otherwise (other organisation, or frozen)."""
    proposal = get_actionable_proposal(user, pk)
    if not can_edit_proposal(user, proposal):
        raise Http404
    return proposal


def stash_of(proposal, step, user):
    return StepDraft.objects.filter(proposal=proposal, step=step, user=user).first()
