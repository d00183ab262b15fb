from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.audit import audit_register
from notifications.reminders import reminder_register


class MonitoringConfig(AppConfig):
    # After certification: annual progress reports, renewal, expiry (issue 7).
    name = "monitoring"
    verbose_name = _("Progress after certification")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: these modules need the models, which load after this one.
        from . import personal_data, plugins, tasks

        plugins.connect()
        reminder_register("renewal", tasks.renewals_remind)
        # The audit trail (core/audit.py): each part names the certified city it reports on.
        for name in ("ProgressReport", "AnnualReport"):
            audit_register(self.get_model(name), parent="proposal")
        for name in ("IndicatorResult", "InitiativeResult", "ReportEvent"):
            audit_register(self.get_model(name), parent="report__proposal")
        audit_register(self.get_model("IndicatorWeight"), parent="indicator__plan__proposal")
        # What a person's "my data" export holds from here, and how an erasure treats it (issue 20).
        personal_data.register()
