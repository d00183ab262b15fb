from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.audit import audit_register


class IdentityConfig(AppConfig):
    name = "identity"
    verbose_name = _("Sign-in with the state's digital ID")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Who may sign in as whom, and how the people who decide must: both in the audit trail.
        audit_register(self.get_model("LinkedIdentity"), exclude=("last_sign_in_at",))
        audit_register(self.get_model("SignInRule"), exclude=("changed_at",))
        # What a person's "my data" export holds from here, and how an erasure treats it (issue 20).
        from . import personal_data

        personal_data.register()
