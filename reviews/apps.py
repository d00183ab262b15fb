from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from notifications.kinds import examples_register
from notifications.reminders import reminder_register


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Evaluation and meetings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Sign-in records whether the person sits on a body (for the nav, without a query per page).
        from .meetings import signals  # noqa: F401

        self._notifications_ready()

    def _notifications_ready(self):
        # The committees' reminders, and the meeting placeholders of the template preview.
        # Imported here, once the app registry is ready: both modules use the models.
        from . import notify, tasks

        reminder_register("scores_due", tasks.scores_due_remind)
        reminder_register("meeting", tasks.meetings_remind)
        examples_register(notify.preview_example)
