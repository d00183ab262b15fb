"""Who may do what with a proposal: plain predicates, reused everywhere."""

from django.db.models import Q
from django.utils import timezone

from accounts.permissions import is_member_of, is_office_staff, is_signed_in, organisation_ids

from . import hooks
from .enums import EDITABLE_STATES, PUBLIC_STATES, Role

# The one involvement the workflow knows itself: the proposal's own organisation. The
# others (evaluators, the bodies' members) are registered by the apps that hold them.
PROPONENTS = hooks.Involvement(
    roles=lambda user, proposal, on: {Role.PROPONENT} if is_member_of(user, proposal.organisation_id) else set(),
    proposals=lambda user, on: Q(organisation_id__in=organisation_ids(user)),
)


# --- The dossier rule ------------------------------------------------------------------------
#
# A proposal has public facts (what the register shows: its name, organisation, provinces, its
# state once public, its certificate) and a confidential dossier: everything else (the plans,
# budget and vision as written, annexes, frozen versions, scores, votes' reasons, the Office's
# notes on the timeline). The dossier is for the people who hold a role on the proposal beyond the
# public's: its own organisation, the Office, its evaluators, the members of a body with it on an
# agenda. A withholding registered in applications.hooks (reviews: a conflict of interest declared
# on one of its agenda items) takes every such role away, except the organisation's own: the
# person then sees what an anonymous visitor sees. ``dossier_visible`` is that rule for one
# proposal; ``involved`` (and ``selectors.proposals_actionable_by``) is the same rule as a filter.


def dossier_withheld(user, proposal) -> bool:
    """Whether a registered withholding (a declared conflict of interest) keeps ``proposal``'s dossier
    from ``user``, whatever role they hold on it."""
    if user is None or not is_signed_in(user) or not proposal.pk:
        return False
    return any(w.withheld(user, proposal) for w in hooks.withholdings())


def _nothing() -> Q:
    return Q(pk__in=[])


def withheld_proposals(user) -> Q:
    """The proposals whose dossier is withheld from a signed-in ``user``, as one filter over proposals."""
    condition = _nothing()
    for withholding in hooks.withholdings():
        condition |= withholding.proposals(user)
    return condition


def withheld_users(proposal) -> Q:
    """The people ``proposal``'s dossier is withheld from, as one filter over users."""
    condition = _nothing()
    for withholding in hooks.withholdings():
        condition |= withholding.users(proposal)
    return condition


def roles_for(user, proposal, on=None) -> frozenset:
    """Every role ``user`` holds towards ``proposal`` (on date ``on``, default today); ``None`` is the system.

    A person the dossier is withheld from holds no role but the public's (and their
    organisation's, on its own proposal): they neither read the dossier nor move the proposal.
    """
    if user is None:
        return frozenset({Role.SYSTEM})
    if not is_signed_in(user):
        return frozenset({Role.PUBLIC})
    on = on or timezone.localdate()
    roles = {Role.PUBLIC}
    roles |= PROPONENTS.roles(user, proposal, on)
    if dossier_withheld(user, proposal):
        return frozenset(roles)
    if is_office_staff(user):
        roles.add(Role.STAFF)
    if proposal.pk:  # the others are rows about a saved proposal
        for involvement in hooks.involvements():
            roles |= involvement.roles(user, proposal, on)
    return frozenset(roles)


def involved(user, on=None) -> Q:
    """The proposals on which a signed-in ``user`` holds a role beyond the public's and the Office's:
    the same involvements and withholdings as :func:`roles_for`, as one filter over proposals."""
    on = on or timezone.localdate()
    condition = _nothing()
    for involvement in hooks.involvements():
        condition |= involvement.proposals(user, on)
    return PROPONENTS.proposals(user, on) | (condition & ~withheld_proposals(user))


def dossier_visible(user, proposal) -> bool:
    """The one dossier rule: may ``user`` read ``proposal``'s confidential dossier (its plans, budget,
    annexes, versions, scores, the reasons of votes and the Office's notes)?

    Every page, API endpoint, PDF and notification that shows more than the public facts asks
    this (or its filter form, ``selectors.proposals_actionable_by``). Whoever may not sees what
    an anonymous visitor sees: the public facts of a public proposal, and nothing of any other.
    """
    return bool(roles_for(user, proposal) - {Role.PUBLIC})


def can_view_proposal(user, proposal) -> bool:
    """Whether the proposal's page opens at all: its public facts, or its dossier."""
    if proposal.status in PUBLIC_STATES:
        return True
    return dossier_visible(user, proposal)


def can_edit_proposal(user, proposal) -> bool:
    return proposal.status in EDITABLE_STATES and is_member_of(user, proposal.organisation_id)


def can_create_proposal(user, organisation_id) -> bool:
    return is_member_of(user, organisation_id)


def can_see_history_actor(user, proposal) -> bool:
    # The public sees that "the Smart City Office" acted, not which officer.
    return is_signed_in(user) and dossier_visible(user, proposal)
