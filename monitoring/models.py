"""Annual progress reports of certified cities, and the weights of their indicators."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.models import AppendOnlyQuerySet
from core.thai import be_year

from .enums import InitiativeStatus, ReportAction, ReportState


class ProgressReport(models.Model):
    """How far a certified city has carried out its plan: the figure a renewal is judged on.

    Written when the Office accepts an annual report (or typed in by the Office from a paper
    report). Its table keeps the name it had when it lived in applications.
    """

    proposal = models.ForeignKey(
        "applications.Proposal", on_delete=models.CASCADE, related_name="progress_reports",
        verbose_name=_("proposal"),
    )
    period_end = models.DateField(_("period ending"))
    # One decimal place: the renewal threshold is compared with the figure as shown (49.9 %).
    progress_percent = models.DecimalField(
        _("plan progress (%)"), max_digits=4, decimal_places=1,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(100)],
    )
    summary = models.TextField(_("summary"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted by")
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        db_table = "applications_progressreport"
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-period_end"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress_percent__lte=100), name="progress_at_most_100"
            )
        ]

    def __str__(self):
        return f"{self.proposal_id}: {self.progress_percent}% ({self.period_end})"


class IndicatorWeight(models.Model):
    """How much one indicator counts in its plan's progress (1 when there is no row)."""

    indicator = models.OneToOneField(
        "applications.PlanIndicator",
        on_delete=models.CASCADE,
        related_name="weight",
        verbose_name=_("indicator"),
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(0))],
    )

    class Meta:
        verbose_name = _("indicator weight")
        verbose_name_plural = _("indicator weights")

    def __str__(self):
        return f"{self.indicator}: {self.weight}"


class AnnualReport(models.Model):
    """One city's report for one calendar year (stored A.D., shown B.E.)."""

    proposal = models.ForeignKey(
        "applications.Proposal",
        on_delete=models.PROTECT,
        related_name="annual_reports",
        verbose_name=_("certified city"),
    )
    year = models.PositiveSmallIntegerField(_("year (A.D.)"))
    state = models.CharField(
        _("state"), max_length=16, choices=ReportState.choices, default=ReportState.DRAFT, editable=False
    )
    summary = models.TextField(_("summary of the year"), blank=True)
    # The plan's progress as accepted: kept, so a later change of weights does not rewrite history.
    progress_percent = models.DecimalField(
        _("plan progress (%)"), max_digits=4, decimal_places=1, null=True, blank=True, editable=False
    )
    # The accepted figure the renewal guard reads.
    accepted_figure = models.OneToOneField(
        ProgressReport,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="annual_report",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("started by")
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("annual progress report")
        verbose_name_plural = _("annual progress reports")
        ordering = ["proposal", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "year"], name="annual_report_one_per_year"),
            models.CheckConstraint(condition=models.Q(state__in=ReportState.values), name="annual_report_state_known"),
        ]

    def __str__(self):
        return f"{self.proposal_id}: {self.year_be}"

    @property
    def year_be(self) -> int:
        return be_year(self.year)


def evidence_path(instance, filename):
    # Never trust the uploaded name on disk: a random name, the real one is kept in a column.
    return f"reports/{instance.report.proposal_id}/{uuid.uuid4().hex}"


class IndicatorResult(models.Model):
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="results")
    indicator = models.ForeignKey(
        "applications.PlanIndicator",
        on_delete=models.PROTECT,
        related_name="results",
        verbose_name=_("indicator"),
    )
    value = models.DecimalField(_("value reached"), max_digits=16, decimal_places=4, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    evidence = models.FileField(_("evidence"), upload_to=evidence_path, blank=True)
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True)
    evidence_type = models.CharField(max_length=100, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("indicator result")
        verbose_name_plural = _("indicator results")
        ordering = ["indicator_id"]
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="indicator_result_unique")]

    def __str__(self):
        return f"{self.report}: {self.indicator_id}"


class InitiativeResult(models.Model):
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="initiatives")
    initiative = models.ForeignKey(
        "applications.Initiative",
        on_delete=models.PROTECT,
        related_name="results",
        verbose_name=_("initiative"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=InitiativeStatus.choices, default=InitiativeStatus.NOT_STARTED
    )
    spent_thb = models.DecimalField(
        _("money spent (THB)"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("initiative result")
        verbose_name_plural = _("initiative results")
        ordering = ["initiative_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "initiative"], name="initiative_result_unique"),
            models.CheckConstraint(
                condition=models.Q(spent_thb__isnull=True) | models.Q(spent_thb__gte=0),
                name="initiative_result_spent_non_negative",
            ),
        ]

    def __str__(self):
        return f"{self.report}: {self.initiative_id}"


class ReportEvent(models.Model):
    """One step of a report's own workflow: append-only, like the proposal's history."""

    report = models.ForeignKey(AnnualReport, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("action"), max_length=16, choices=ReportAction.choices)
    from_state = models.CharField(_("from"), max_length=16, choices=ReportState.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=16, choices=ReportState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("report step")
        verbose_name_plural = _("report history")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.report}: {self.from_state or '∅'} → {self.to_state}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The history is append-only: a report step cannot be edited.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The history is append-only: a report step cannot be deleted.")
