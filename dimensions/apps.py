from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DimensionsConfig(AppConfig):
    name = "dimensions"
    verbose_name = _("Dimensions and criteria")
    default_auto_field = "django.db.models.BigAutoField"
