"""The condition monitoring puts on a renewal: enough plan progress in the latest accepted figure.

Registered with the workflow for ``Action.RENEW`` in MonitoringConfig.ready().
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from applications.models import ProgrammeSettings

from .models import ProgressReport


def renewal_problems(proposal) -> list:
    # The figure is the one accepted with the latest report (monitoring writes it, cut to
    # one decimal), so 49.9 % is refused even though it would round to 50 %.
    need = ProgrammeSettings.load().renewal_min_progress_percent
    report = ProgressReport.objects.filter(proposal=proposal).order_by("-period_end", "-pk").first()
    if report is None:
        return [_("No progress report has been accepted.")]
    have = Decimal(report.progress_percent)
    if have < need:
        return [
            _("Plan progress of %(have)s %% is below the threshold of %(need)s %%.")
            % {"have": f"{have:.1f}", "need": need}
        ]
    return []
