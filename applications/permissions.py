"""Who may do what with a proposal: plain predicates, reused everywhere."""

from django.utils import timezone

from accounts.permissions import is_evaluator, is_member_of, is_office_staff, is_signed_in

from .enums import EDITABLE_STATES, PUBLIC_STATES, Role


def roles_for(user, proposal) -> frozenset:
    """Every role ``user`` holds towards ``proposal``; ``None`` is the system itself."""
    if user is None:
        return frozenset({Role.SYSTEM})
    if not is_signed_in(user):
        return frozenset({Role.PUBLIC})
    roles = {Role.PUBLIC}
    if is_office_staff(user):
        roles.add(Role.STAFF)
    if is_member_of(user, proposal.organisation_id):
        roles.add(Role.PROPONENT)
    if proposal.pk:
        if is_evaluator(user) and proposal.assignments.filter(evaluator=user).exists():
            roles.add(Role.EVALUATOR)
        from reviews.selectors import member_roles_on_agenda

        roles |= member_roles_on_agenda(user, proposal, on=timezone.localdate())
    return frozenset(roles)


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
