from django.apps import AppConfig
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _

from core.audit import audit_register

from .signin import failure_record


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and organisation members")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Every door's failed passwords count toward the one sign-in policy (accounts/signin.py).
        user_login_failed.connect(failure_record, dispatch_uid="accounts-sign-in-failures")
        # The audit trail (core/audit.py): who was given which role and permission.
        # A password change is kept as "changed", never its hash; a sign-in is not a change.
        audit_register(
            self.get_model("User"), exclude=("last_login",), mask=("password",), m2m=("groups", "user_permissions"),
        )
        audit_register(self.get_model("Membership"))
        audit_register(self.get_model("Invitation"), exclude=("token",))
        audit_register(self.get_model("SecondFactorReset"))
        # What a person's "my data" export holds from here, and how an erasure empties it (issue 20).
        # The tasks too, in every process (not only the worker's autodiscovery): the services find
        # the mail task by name in Celery's registry (accounts/services.py, SEND_EMAIL).
        # Imported here, not at the top: both read the models, which load after this module.
        from . import personal_data, tasks  # noqa: F401

        personal_data.register()
