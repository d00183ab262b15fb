from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from applications.hooks import listener_register
from core.audit import audit_register

from .reminders import reminder_register


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: the services need the models, which load after this module.
        from . import personal_data, services

        # Every move writes its messages to the outbox in the move's own transaction.
        listener_register(listener=services.notify_status_change)
        # The workflow's own deadline (applications sits below and cannot write notifications).
        reminder_register("revision_deadline", services.revision_deadlines_remind)
        # The audit trail (core/audit.py): the wording staff give the messages, and where
        # webhooks go (the signing secret kept as "changed" only). The outbox itself
        # (notifications, deliveries) and each person's preferences are not the record.
        audit_register(self.get_model("NotificationTemplate"), exclude=("updated_at",))
        audit_register(self.get_model("WebhookEndpoint"), mask=("secret",))
        # What a person's "my data" export holds from here, and how an erasure treats it (issue 20).
        personal_data.register()
