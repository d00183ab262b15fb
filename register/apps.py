from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _

from applications.hooks import listener_register
from core.audit import audit_register
from monitoring.enums import ReportState
from monitoring.hooks import report_listener_register

from . import cache


def _report_moved(report, event) -> None:
    # The city's public page shows the accepted figures: refresh it once the acceptance is committed.
    if event.to_state == ReportState.ACCEPTED:
        transaction.on_commit(cache.bump)


class RegisterConfig(AppConfig):
    # The public register of certified cities and promotion zones, and its open data.
    name = "register"
    verbose_name = _("Public register")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Every move (certify, revoke, ...) clears the register's cached pages, in the move's
        # transaction; so do a rename (any save of a proposal), a deletion and a change of provinces.
        listener_register(listener=cache.bump)
        report_listener_register(listener=_report_moved)
        post_save.connect(cache.bump, sender="applications.Proposal", dispatch_uid="register-proposal-saved")
        post_delete.connect(cache.bump, sender="applications.Proposal", dispatch_uid="register-proposal-deleted")
        m2m_changed.connect(
            cache.bump, sender="applications.Proposal_provinces", dispatch_uid="register-provinces"
        )
        # The audit trail (core/audit.py): where a preloaded city of the register comes from.
        audit_register(self.get_model("PublicRecord"), parent="proposal")
        # A city's page shows its approving resolution as corrected (issue 14): a correction refreshes it.
        post_save.connect(cache.bump, sender="reviews.Correction", dispatch_uid="register-correction")
