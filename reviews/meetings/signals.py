"""Remember at sign-in whether the person sits on a body, so the nav needs no query on every page."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from accounts.permissions import is_office_staff

from .permissions import body_roles

SESSION_KEY = "sits_on_a_body"


def remember_seats(request, user) -> None:
    session = getattr(request, "session", None)
    if session is None or is_office_staff(user):
        return
    seated = bool(body_roles(user))
    if session.get(SESSION_KEY) != seated:
        session[SESSION_KEY] = seated


@receiver(user_logged_in, dispatch_uid="reviews.meetings.remember_seats")
def _on_login(sender, request, user, **kwargs):
    remember_seats(request, user)
