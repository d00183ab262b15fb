"""Whether the nav shows "My meetings", without a query on every page.

Staff always see it; anyone else if they sat on a body when they signed in
(remembered in the session by ``reviews.meetings.signals``; the "My meetings"
page refreshes it).
"""

from django import template

from accounts.permissions import is_office_staff, is_signed_in

from ..meetings.signals import SESSION_KEY

register = template.Library()


@register.filter
def sits_on_a_body(request) -> bool:
    user = getattr(request, "user", None)
    if not is_signed_in(user):
        return False
    if is_office_staff(user):
        return True
    session = getattr(request, "session", None)
    return bool(session is not None and session.get(SESSION_KEY))
