"""Demo annual reports for the demo's certified cities (DEBUG only), made through the real services.

Each past year since certification gets an accepted report whose values move
steadily from the baseline towards the figure the demo's own progress record
gives (60 % where it gives none); this year's report is left submitted, waiting
for the Office, so the overview and the public chart have something to show.
"""

from collections import Counter
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from applications.enums import State
from applications.models import Proposal
from monitoring import services
from monitoring.enums import ReportState
from monitoring.models import AnnualReport
from notifications.models import Notification


def _value(indicator, share: Decimal) -> Decimal:
    return (indicator.baseline + (indicator.target - indicator.baseline) * share).quantize(Decimal("0.01"))


def load_demo_reports() -> Counter:
    counts = Counter()
    if not settings.DEBUG:
        return counts
    staff = get_user_model().objects.filter(username="staff", is_office_staff=True).first()
    if staff is None:  # the demo is not loaded
        return counts
    this_year = timezone.localdate().year
    cities = Proposal.objects.filter(
        status__in=(State.CERTIFIED, State.RENEWAL),
        public_record__isnull=True,
        certified_on__isnull=False,
    ).prefetch_related("plans__indicators", "plans__initiatives")
    for city in cities:
        author = city.organisation.memberships.select_related("user").first()
        if author is None:
            continue
        author = author.user
        figure = city.progress_reports.order_by("-period_end").values_list("progress_percent", flat=True).first()
        final = Decimal(figure if figure is not None else 60) / 100
        years = list(range(city.certified_on.year, this_year + 1))
        done = set(AnnualReport.objects.filter(proposal=city).values_list("year", flat=True))
        for k, year in enumerate(years, 1):
            if year in done:
                counts["skipped"] += 1
                continue
            share = final * k / len(years)
            with transaction.atomic():
                report = services.report_start(proposal=city, by=author, year=year)
                indicators = {
                    r.pk: (_value(r.indicator, share), "") for r in report.results.select_related("indicator")
                }
                initiatives = {
                    r.pk: ("in_progress" if k < len(years) else "completed", r.initiative.budget_thb * share, "")
                    for r in report.initiatives.select_related("initiative")
                }
                services.report_save(
                    report=report,
                    by=author,
                    summary=f"ผลการดำเนินงานตามแผนเมืองอัจฉริยะ ปี {year + 543}",
                    indicators=indicators,
                    initiatives=initiatives,
                )
                services.report_submit(report=report, by=author)
                if year < this_year:
                    services.report_accept(report=report, by=staff)
                # Demo history is not news: nobody is e-mailed about it.
                Notification.objects.filter(proposal=city, event__startswith="report.", sent_at__isnull=True).update(
                    sent_at=timezone.now()
                )
            counts[ReportState.ACCEPTED if year < this_year else ReportState.SUBMITTED] += 1
    return counts
