"""What reviews plugs into the workflow (applications.hooks), from ReviewsConfig.ready().

The workflow knows nothing of evaluators, bodies, scores or resolutions: reviews tells it
who takes part through them, whose declared conflict of interest withholds a dossier, what
a recommendation needs, and which resolutions decide the moves a meeting decides.
"""

from applications import hooks
from applications.enums import Action

from . import selectors
from .evaluation.guards import score_problems

# Connects its receiver on import: sign-in records whether the person sits on a body
# (for the nav, without a query per page).
from .meetings import signals  # noqa: F401


def connect() -> None:
    hooks.involvement_register(roles=selectors.evaluator_roles, proposals=selectors.evaluator_proposals)
    hooks.involvement_register(roles=selectors.member_roles_on_agenda, proposals=selectors.agenda_proposals)
    hooks.withholding_register(
        withheld=selectors.conflict_withholds, proposals=selectors.conflicted_proposals,
        users=selectors.conflicted_members,
    )
    hooks.guard_register(action=Action.RECOMMEND, guard=score_problems)
    hooks.decisions_register(
        get=selectors.resolution_of, fits=selectors.resolution_fits, candidates=selectors.resolutions_fitting
    )
