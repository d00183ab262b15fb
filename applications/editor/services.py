"""Writes of the editor: a step through proposal_update, and the stash of unsaved typing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import StepDraft
from ..services import proposal_update


def stash_save(*, proposal, step, user, data: dict) -> StepDraft:
    """Keep what ``user`` typed into ``step``, valid or not (one stash per person and step)."""
    draft, _created = StepDraft.objects.update_or_create(
        proposal=proposal, step=step, user=user, defaults={"data": data, "saved_at": timezone.now()}
    )
    return draft


def stash_discard(*, proposal, step, user) -> None:
    StepDraft.objects.filter(proposal=proposal, step=step, user=user).delete()


def step_save(*, proposal, step, by, data: dict, typed: dict):
    """Save a valid step to the proposal and drop the stash; on a ValidationError
    (nothing of the step is saved) keep what was typed and raise it on."""
    try:
        with transaction.atomic():
            saved = proposal_update(proposal=proposal, by=by, data=data)
            stash_discard(proposal=proposal, step=step, user=by)
    except ValidationError:
        stash_save(proposal=proposal, step=step, user=by, data=typed)
        raise
    return saved
