"""What monitoring holds about a person (core/personal_data.py): the annual reports they started and
the steps they took on reports. The reports are the certified city's record: an erasure keeps them,
naming the anonymised person afterwards (accounts).
"""

from django.utils.translation import gettext_lazy as _

from core.personal_data import Source, iso, source_register

from .models import AnnualReport, ProgressReport, ReportEvent


def reports_export(user) -> dict:
    started = AnnualReport.objects.filter(created_by=user).order_by("year", "pk")
    steps = ReportEvent.objects.filter(actor=user).order_by("at", "pk")
    return {
        "annual_reports_started": [{"proposal": r.proposal_id, "year": r.year, "state": r.state,
                                    "started": iso(r.created_at)} for r in started],
        "report_steps": [{"report": e.report_id, "action": e.action, "at": iso(e.at), "note": e.note}
                         for e in steps],
        "progress_figures_entered": ProgressReport.objects.filter(submitted_by=user).count(),
    }


def register() -> None:
    source_register(Source(
        "monitoring.reports", _("Progress reports"), reports_export,
        models=("monitoring.AnnualReport", "monitoring.ReportEvent", "monitoring.ProgressReport"),
    ))
