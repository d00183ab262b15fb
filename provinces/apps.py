from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.audit import audit_register


class ProvincesConfig(AppConfig):
    name = "provinces"
    verbose_name = _("Provinces and organisations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The audit trail (core/audit.py): proponents and their kinds, which staff edit.
        # Regions and provinces are the national list, kept by the loader: not here.
        audit_register(self.get_model("Organisation"))
        audit_register(self.get_model("OrganisationKind"))
