"""Who may see a meeting and who records its attendance: plain predicates."""

from django.utils import timezone

from accounts.permissions import is_office_staff, is_signed_in

from ..enums import MemberRole
from ..selectors import current_memberships


def body_roles(user, on=None) -> dict:
    """``{body_id: role}`` of the user's current seats, read once per request object."""
    if not is_signed_in(user):
        return {}
    on = on or timezone.localdate()
    cache = getattr(user, "_body_roles", None)
    if cache is None or cache[0] != on:
        cache = (on, dict(current_memberships(user, on).values_list("body_id", "role")))
        user._body_roles = cache
    return cache[1]


def can_view_meeting(user, meeting) -> bool:
    return is_office_staff(user) or meeting.body_id in body_roles(user)


def can_record_attendance(user, meeting) -> bool:
    return is_office_staff(user) or body_roles(user).get(meeting.body_id) == MemberRole.SECRETARY
