from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from applications.hooks import listener_register


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: the services need the models, which load after this module.
        from .services import notify_status_change

        # Every move writes its messages to the outbox in the move's own transaction.
        listener_register(listener=notify_status_change)
