from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .reminders import reminder_register


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported once the app registry is ready: services uses the models.
        from . import services

        # The workflow's own deadline (applications sits below and cannot write notifications).
        reminder_register("revision_deadline", services.revision_deadlines_remind)
