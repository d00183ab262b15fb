from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    # After certification: annual progress reports, renewal, expiry (issue 7).
    name = "monitoring"
    verbose_name = _("Progress after certification")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: it needs the models, which load after this module.
        from . import plugins

        plugins.connect()
