from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.audit import audit_register


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = _("Proposals")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The audit trail (core/audit.py). Parts name their proposal, so its trail page shows them.
        audit_register(self.get_model("ProgrammeSettings"))
        audit_register(self.get_model("Proposal"), exclude=("updated_at",), m2m=("provinces",))
        for name in ("DimensionPlan", "Attachment", "StatusChange", "ProposalAmendment"):
            audit_register(self.get_model(name), parent="proposal")
        for name in ("Initiative", "PlanIndicator"):
            audit_register(self.get_model(name), parent="plan__proposal")
        # A version is a frozen copy of the proposal: the trail notes it, not the copy again.
        audit_register(self.get_model("ProposalVersion"), exclude=("snapshot",), parent="proposal")
        # Not kept: StepDraft, the editor's autosave of unfinished typing (no one's decision).
        # What a person's "my data" export holds from here, and how an erasure treats it (issue 20).
        # Imported here, not at the top: it reads the models, which load after this module.
        from . import personal_data

        personal_data.register()
