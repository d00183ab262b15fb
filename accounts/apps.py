from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.audit import audit_register


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and organisation members")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The audit trail (core/audit.py): who was given which role and permission.
        # A password change is kept as "changed", never its hash; a sign-in is not a change.
        audit_register(
            self.get_model("User"), exclude=("last_login",), mask=("password",), m2m=("groups", "user_permissions"),
        )
        audit_register(self.get_model("Membership"))
        audit_register(self.get_model("Invitation"), exclude=("token",))
