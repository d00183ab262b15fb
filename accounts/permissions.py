"""Plain predicates about users, reused by views, the API and the admin."""

# The first two live in core (the shared admin asks them too); the apps ask them here.
from core.access import is_office_staff, is_signed_in

from . import hooks


def is_evaluator(user) -> bool:
    return is_signed_in(user) and user.is_evaluator


def decides(user) -> bool:
    """Takes part in deciding on proposals: Office staff, admin users, evaluators, and whoever an
    app above registers (reviews: members of the bodies, chairs and secretaries included).

    Read once per request object: an app's answer may cost a query.
    """
    if not is_signed_in(user):
        return False
    if user.is_office_staff or user.is_superuser or user.is_staff or user.is_evaluator:
        return True
    cached = getattr(user, "_decides", None)
    if cached is None:
        cached = any(predicate(user) for predicate in hooks.deciders())
        user._decides = cached
    return cached


def organisation_ids(user) -> frozenset:
    """The organisations the user works for, read once per request object."""
    if not is_signed_in(user):
        return frozenset()
    cached = getattr(user, "_organisation_ids", None)
    if cached is None:
        cached = frozenset(user.memberships.values_list("organisation_id", flat=True))
        user._organisation_ids = cached
    return cached


def is_member_of(user, organisation_id) -> bool:
    return organisation_id in organisation_ids(user)


def has_organisation(user) -> bool:
    return bool(organisation_ids(user))


def can_invite_to(user, organisation_id) -> bool:
    """Any member of an organisation may invite a colleague to it."""
    return is_member_of(user, organisation_id)


def can_cancel_invitation(user, invitation) -> bool:
    return invitation.is_open and is_member_of(user, invitation.organisation_id)


def can_manage_organisations(user) -> bool:
    """Creating organisations and listing them all is the Smart City Office's work."""
    return is_office_staff(user)


def invitation_matches(user, invitation) -> bool:
    """The signed-in user is the person the invitation was sent to."""
    return is_signed_in(user) and bool(user.email) and user.email.strip().lower() == invitation.email.lower()
