"""What reviews plugs into the workflow (applications.hooks) and accounts (accounts.hooks), from
ReviewsConfig.ready().

The workflow knows nothing of evaluators, bodies, scores or resolutions: reviews tells it
who takes part through them, what a recommendation needs, and which resolutions decide
the moves a meeting decides.
"""

from accounts import hooks as accounts_hooks
from applications import hooks
from applications.enums import Action

from . import selectors
from .evaluation.guards import score_problems

# Connects its receiver on import: sign-in records whether the person sits on a body
# (for the nav, without a query per page).
from .meetings import signals  # noqa: F401


def connect() -> None:
    # Members of the bodies (chairs and secretaries too) decide: they sign in with a second factor.
    accounts_hooks.decider_register(predicate=selectors.holds_a_seat)
    hooks.involvement_register(roles=selectors.evaluator_roles, proposals=selectors.evaluator_proposals)
    hooks.involvement_register(roles=selectors.member_roles_on_agenda, proposals=selectors.agenda_proposals)
    hooks.guard_register(action=Action.RECOMMEND, guard=score_problems)
    hooks.decisions_register(
        get=selectors.resolution_of, fits=selectors.resolution_fits, candidates=selectors.resolutions_fitting
    )
