from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _

from core.audit import audit_register


class PrivacyConfig(AppConfig):
    # PDPA (issue 20): the notice, "my data", requests, erasure and retention. Above every other app:
    # it reads what they register in core/personal_data.py and imports none of their modules but
    # reviews' AppendOnly record base.
    name = "privacy"
    verbose_name = _("Personal data (PDPA)")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import personal_data, services, tasks  # noqa: F401 (tasks: Celery finds them here)

        personal_data.register()
        user_logged_in.connect(services.sign_in_record, dispatch_uid="privacy-sign-in-history")
        # The audit trail (core/audit.py): the notice's versions, the Office's answers to requests
        # and the periods it sets. Acknowledgements and sign-ins are themselves a log.
        audit_register(self.get_model("PrivacyNotice"))
        audit_register(self.get_model("DataRequest"))
        audit_register(self.get_model("RetentionPeriod"), exclude=("updated_at",))
