from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Evaluation and meetings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Sign-in records whether the person sits on a body (for the nav, without a query per page).
        from .meetings import signals  # noqa: F401
