"""What reviews plugs into the workflow (applications.hooks) and accounts (accounts.hooks), from
ReviewsConfig.ready().

The workflow knows nothing of evaluators, bodies, scores or resolutions: reviews tells it
who takes part through them, whose declared conflict of interest withholds a dossier, what
a recommendation needs, which resolutions decide the moves a meeting decides (and when they
may be recorded), what a certificate waits for, and closes the agenda item a recorded
decision settles.
"""

from django.db.models.signals import pre_delete

from accounts import hooks as accounts_hooks
from applications import hooks
from applications.enums import Action

from . import selectors
from .evaluation.guards import score_problems
from .evaluation.zones import keep_named_groups

# Connects its receiver on import: sign-in records whether the person sits on a body
# (for the nav, without a query per page).
from .meetings import signals  # noqa: F401
from .models import Resolution, ZoneGroup
from .timeline import certify_problems, decision_problems
from .voting.services import decided_item_close


def connect() -> None:
    # Members of the bodies (chairs and secretaries too) decide: they sign in with a second factor.
    accounts_hooks.decider_register(predicate=selectors.holds_a_seat)
    hooks.involvement_register(roles=selectors.evaluator_roles, proposals=selectors.evaluator_proposals)
    hooks.involvement_register(roles=selectors.member_roles_on_agenda, proposals=selectors.agenda_proposals)
    hooks.withholding_register(
        withheld=selectors.conflict_withholds, proposals=selectors.conflicted_proposals,
        users=selectors.conflicted_members,
    )
    hooks.guard_register(action=Action.RECOMMEND, guard=score_problems)
    hooks.guard_register(action=Action.CERTIFY, guard=certify_problems)
    hooks.decisions_register(
        get=selectors.resolution_of, fits=selectors.resolution_fits, candidates=selectors.resolutions_fitting,
        problems=decision_problems,
    )
    hooks.listener_register(listener=close_decided_item)
    # Proposals name their zone group by a plain id: a group still named is not deleted.
    pre_delete.connect(keep_named_groups, sender=ZoneGroup, dispatch_uid="reviews.zone_group_protect")


def close_decided_item(change, *, audiences):
    """A move decided by a resolution (recorded by staff, the secretary, the committee page)
    closes the open agenda item of that proposal at that meeting, in the move's transaction:
    no vote lands on a decided item afterwards."""
    resolution = change.resolution if change.resolution_id else None
    if isinstance(resolution, Resolution):
        decided_item_close(resolution=resolution, by=change.actor, at=change.at)
