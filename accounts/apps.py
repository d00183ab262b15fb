from django.apps import AppConfig
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _

from .signin import failure_record


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and organisation members")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Every door's failed passwords count toward the one sign-in policy (accounts/signin.py).
        user_login_failed.connect(failure_record, dispatch_uid="accounts-sign-in-failures")
