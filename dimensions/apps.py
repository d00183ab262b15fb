from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.audit import audit_register


class DimensionsConfig(AppConfig):
    name = "dimensions"
    verbose_name = _("Dimensions and criteria")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The audit trail (core/audit.py): the criteria proposals are judged on, kept by staff.
        for name in ("Dimension", "SubCriterion", "Indicator"):
            audit_register(self.get_model(name))
