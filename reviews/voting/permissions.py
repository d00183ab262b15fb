"""Who may declare, vote and close on an agenda item: plain predicates."""

from accounts.permissions import is_office_staff

from ..enums import MemberRole


def can_close(user, membership) -> bool:
    """The chair of the body closes the item; the Office may record it on the chair's behalf."""
    return is_office_staff(user) or (membership is not None and membership.role == MemberRole.CHAIR)


def can_see_tally(user, membership, item) -> bool:
    if item.closed_at is not None or is_office_staff(user):
        return True
    return membership is not None and membership.role in (MemberRole.CHAIR, MemberRole.SECRETARY)
