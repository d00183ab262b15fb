import time

from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in

from .middleware import IDLE_TOUCH_KEY


class SmartcityConfig(AppConfig):
    # The roof: settings, urls, health, metrics and the commands that span apps (core is the floor).
    name = "smartcity"

    def ready(self):
        user_logged_in.connect(_stamp_session, dispatch_uid="smartcity-session-idle")


def _stamp_session(sender, request, user, **kwargs):
    # The sign-in saves the session anyway: stamp it then, so the first pages
    # after it need no extra session write (see SessionIdleMiddleware).
    if request is not None and hasattr(request, "session"):
        request.session[IDLE_TOUCH_KEY] = int(time.time())
