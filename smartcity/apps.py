import time

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
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


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the portal's site (smartcity/admin_site.py): it asks for the second factor.
    Named in INSTALLED_APPS in place of django.contrib.admin; smartcity's own config stays the default."""

    default = False
    default_site = "smartcity.admin_site.PortalAdminSite"

    def ready(self):
        super().ready()  # discovers every app's admin module
        # django-otp's own pages for devices would let an officer delete a person's second
        # factor with no record of it, and show the keys' QR codes: the portal's reset page
        # (recorded, accounts.SecondFactorReset) is the one way to remove a factor.
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        for model in (TOTPDevice, StaticDevice):
            if self.module.site.is_registered(model):
                self.module.site.unregister(model)
