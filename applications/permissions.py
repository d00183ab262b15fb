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


def roles_for(user, proposal, on=None) -> frozenset:
    """Every role ``user`` holds towards ``proposal`` (on date ``on``, default today); ``None`` is the system."""
    if user is None:
        return frozenset({Role.SYSTEM})
    if not is_signed_in(user):
        return frozenset({Role.PUBLIC})
    on = on or timezone.localdate()
    roles = {Role.PUBLIC}
    if is_office_staff(user):
        roles.add(Role.STAFF)
    roles |= PROPONENTS.roles(user, proposal, on)
    if proposal.pk:  # the others are rows about a saved proposal
        for involvement in hooks.involvements():
            roles |= involvement.roles(user, proposal, on)
    return frozenset(roles)


def involved(user, on=None) -> Q:
    """The proposals on which a signed-in ``user`` holds a role beyond the public's and the Office's:
    the same involvements as :func:`roles_for`, as one filter over proposals."""
    on = on or timezone.localdate()
    condition = PROPONENTS.proposals(user, on)
    for involvement in hooks.involvements():
        condition |= involvement.proposals(user, on)
    return condition


def can_view_proposal(user, proposal) -> bool:
    if proposal.status in PUBLIC_STATES:
        return True
    return bool(roles_for(user, proposal) - {Role.PUBLIC})


def can_edit_proposal(user, proposal) -> bool:
    return proposal.status in EDITABLE_STATES and is_member_of(user, proposal.organisation_id)


def can_create_proposal(user, organisation_id) -> bool:
    return is_member_of(user, organisation_id)


def can_see_history_actor(user, proposal) -> bool:
    # The public sees that "the Smart City Office" acted, not which officer.
    return is_signed_in(user) and bool(roles_for(user, proposal) - {Role.PUBLIC})
