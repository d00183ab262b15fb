import uuid
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.thai import be_year

from .enums import Action, AttachmentKind, CityType, Role, State

MONEY = {"max_digits": 16, "decimal_places": 2}
NON_NEGATIVE = [MinValueValidator(Decimal("0"))]


class ProgrammeSettings(models.Model):
    """The rules staff may change without a release (one row)."""

    min_dimensions = models.PositiveSmallIntegerField(
        _("minimum number of dimensions"), default=2, validators=[MinValueValidator(1)]
    )
    pass_mark_percent = models.PositiveSmallIntegerField(
        _("pass mark per dimension (%)"), default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    validity_years = models.PositiveSmallIntegerField(
        _("certificate validity (years)"), default=3, validators=[MinValueValidator(1)]
    )
    renewal_min_progress_percent = models.PositiveSmallIntegerField(
        _("plan progress needed to renew (%)"), default=50, validators=[MaxValueValidator(100)]
    )
    revision_days = models.PositiveSmallIntegerField(
        _("default days to answer a revision request"), default=30, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("programme settings")
        verbose_name_plural = _("programme settings")

    def save(self, *args, **kwargs):
        self.pk = 1  # a single row, whatever the caller passed
        super().save(*args, **kwargs)

    @classmethod
    def load(cls) -> "ProgrammeSettings":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj

    def __str__(self):
        return str(_("Programme settings"))


def current_year() -> int:
    return timezone.localdate().year


class Proposal(models.Model):
    organisation = models.ForeignKey(
        "provinces.Organisation", on_delete=models.PROTECT, related_name="proposals",
        verbose_name=_("proponent organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("created by"),
    )
    # Criterion 1: the target area, vision and goals.
    name_th = models.CharField(_("name of the target area (Thai)"), max_length=255)
    name_en = models.CharField(_("name of the target area (English)"), max_length=255, blank=True)
    provinces = models.ManyToManyField(
        "provinces.Province", related_name="proposals", blank=True, verbose_name=_("provinces")
    )
    boundary_description = models.TextField(_("boundary of the target area"), blank=True)
    area_km2 = models.DecimalField(
        _("area (km²)"), max_digits=10, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    city_type = models.CharField(_("city type"), max_length=16, choices=CityType.choices, blank=True)
    vision = models.TextField(_("vision"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    # Criterion 2: infrastructure and investment.
    infrastructure_plan = models.TextField(_("physical and digital infrastructure plan"), blank=True)
    investment_plan = models.TextField(_("investment plan"), blank=True)
    total_budget_thb = models.DecimalField(
        _("total budget (THB)"), **MONEY, null=True, blank=True, validators=NON_NEGATIVE
    )
    # Criterion 3 and 5.
    data_platform = models.TextField(_("city data platform design"), blank=True)
    management_model = models.TextField(_("management model"), blank=True)

    # Written only by applications.workflow.transition().
    status = models.CharField(
        _("status"), max_length=32, choices=State.choices, default=State.DRAFT, db_index=True,
        editable=False,
    )
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now, editable=False)
    revision_deadline = models.DateField(_("revision due"), null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True, editable=False)
    certified_on = models.DateField(_("certified on"), null=True, blank=True, editable=False)
    valid_until = models.DateField(_("certificate valid until"), null=True, blank=True, editable=False)
    certificate_number = models.CharField(
        _("certificate number"), max_length=32, unique=True, null=True, blank=True, editable=False
    )
    # The announced group of promotion zones (reviews.ZoneGroup) a declared zone belongs to: a plain
    # id, so the bottom of the domain does not depend on the app above it. reviews writes it when it
    # declares the zone, reads a group's zones by it, and refuses to delete a group still named here.
    zone_group_id = models.BigIntegerField(
        _("promotion zone group"), null=True, blank=True, db_index=True, editable=False
    )

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-updated_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=State.values), name="proposal_status_known"
            ),
            models.CheckConstraint(
                condition=models.Q(area_km2__isnull=True) | models.Q(area_km2__gt=0),
                name="proposal_area_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(total_budget_thb__isnull=True) | models.Q(total_budget_thb__gte=0),
                name="proposal_budget_non_negative",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.name_th}"

    @property
    def reference(self) -> str:
        year = (self.created_at or timezone.now()).year
        return f"SC-{be_year(year)}-{self.pk or 0:05d}"

    @property
    def name(self) -> str:
        from django.utils.translation import get_language

        if (get_language() or "th")[:2] == "en" and self.name_en:
            return self.name_en
        return self.name_th

    def save(self, *args, **kwargs):
        # The state belongs to the workflow: an ordinary save never writes it,
        # so a stale instance cannot undo a move made meanwhile.
        if self.pk and not kwargs.get("force_insert"):
            fields = kwargs.get("update_fields")
            if fields is None:
                kwargs["update_fields"] = [
                    f.attname for f in self._meta.concrete_fields
                    if not f.primary_key and f.attname not in WORKFLOW_FIELDS
                ]
        super().save(*args, **kwargs)


# Columns that only the workflow's transition() may write.
WORKFLOW_FIELDS = frozenset(
    {"status", "status_changed_at", "revision_deadline", "submitted_at", "certified_on", "valid_until",
     "certificate_number"}
)


class DimensionPlan(models.Model):
    """Criterion 4: the plan for one claimed dimension."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="plans", verbose_name=_("proposal")
    )
    dimension = models.ForeignKey(
        "dimensions.Dimension", on_delete=models.PROTECT, related_name="+", verbose_name=_("dimension")
    )
    summary = models.TextField(_("summary of smart services"), blank=True)

    class Meta:
        verbose_name = _("dimension plan")
        verbose_name_plural = _("dimension plans")
        ordering = ["dimension__order"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "dimension"], name="plan_dimension_unique")
        ]

    def __str__(self):
        return f"{self.proposal_id}: {self.dimension}"


class Initiative(models.Model):
    plan = models.ForeignKey(
        DimensionPlan, on_delete=models.CASCADE, related_name="initiatives", verbose_name=_("plan")
    )
    title = models.CharField(_("initiative"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    budget_thb = models.DecimalField(_("budget (THB)"), **MONEY, validators=NON_NEGATIVE)
    start_date = models.DateField(_("starts"), null=True, blank=True)
    end_date = models.DateField(_("ends"), null=True, blank=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(budget_thb__gte=0), name="initiative_budget_non_negative"),
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="initiative_dates_ordered",
            ),
        ]

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})

    def __str__(self):
        return self.title


class PlanIndicator(models.Model):
    plan = models.ForeignKey(
        DimensionPlan, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("plan")
    )
    indicator = models.ForeignKey(
        "dimensions.Indicator", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("standard indicator"),
    )
    name = models.CharField(_("indicator"), max_length=255)
    unit = models.CharField(_("unit"), max_length=64)
    baseline = models.DecimalField(_("baseline"), max_digits=16, decimal_places=4)
    target = models.DecimalField(_("target"), max_digits=16, decimal_places=4)
    target_year = models.PositiveSmallIntegerField(_("target year (A.D.)"))

    class Meta:
        verbose_name = _("indicator of a plan")
        verbose_name_plural = _("indicators of a plan")
        ordering = ["id"]

    def clean(self):
        # A target year in the past is a typing slip (often a B.E. year typed
        # as A.D. or the reverse); say which.
        if self.target_year is None:
            return
        if self.target_year > 2400:
            raise ValidationError(
                {"target_year": _("Enter the year in A.D. (e.g. %(ce)s, not %(be)s).")
                 % {"ce": self.target_year - 543, "be": self.target_year}}
            )
        if self.target_year < current_year():
            raise ValidationError({"target_year": _("The target year is in the past.")})

    def __str__(self):
        return self.name


def attachment_path(instance, filename):
    # Never trust the uploaded name on disk: a random name, the real one is kept in a column.
    return f"proposals/{instance.proposal_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("proposal")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.original_name


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The history is append-only: it cannot be updated.")

    def delete(self):
        raise PermissionError("The history is append-only: it cannot be deleted.")

    # bulk_update goes through the manager, not update(); close it too.
    def bulk_update(self, objs, fields, batch_size=None):
        raise PermissionError("The history is append-only: it cannot be updated.")


class StatusChange(models.Model):
    """One move of a proposal: history and audit trail, never changed afterwards."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.PROTECT, related_name="history", verbose_name=_("proposal")
    )
    action = models.CharField(_("action"), max_length=32, choices=Action.choices)
    from_state = models.CharField(_("from"), max_length=32, choices=State.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=32, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("by"),
    )
    actor_role = models.CharField(_("acting as"), max_length=16, choices=Role.choices)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    note = models.TextField(_("note"), blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    # The decision a meeting took on the move (a reviews.Resolution), linked generically so
    # that the bottom of the domain does not depend on the app that records meetings;
    # applications.hooks.decisions() says which decision fits which move.
    resolution_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("kind of decision"),
    )
    resolution_id = models.BigIntegerField(_("meeting resolution"), null=True, blank=True, db_index=True)
    resolution = GenericForeignKey("resolution_type", "resolution_id")

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("history of status changes")
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(to_state__in=State.values), name="statuschange_to_state_known"
            ),
        ]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The history is append-only: a status change cannot be edited.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The history is append-only: a status change cannot be deleted.")

    def __str__(self):
        return f"{self.proposal_id}: {self.from_state or '∅'} → {self.to_state}"


class ProposalVersion(models.Model):
    """The proposal as it stood when it was handed in: frozen, never edited.

    Written by the workflow in the same transaction as the submitting move,
    so every submission has exactly one version and a version always has its move.
    """

    proposal = models.ForeignKey(
        Proposal, on_delete=models.PROTECT, related_name="versions", verbose_name=_("proposal")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    snapshot = models.JSONField(_("content"))
    status_change = models.OneToOneField(
        StatusChange, on_delete=models.PROTECT, related_name="version", verbose_name=_("submitted by the step")
    )
    created_at = models.DateTimeField(_("frozen at"), default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        ordering = ["proposal", "number"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "number"], name="version_number_unique")
        ]

    def __str__(self):
        return f"{self.proposal_id} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("A submitted version is frozen: it cannot be edited.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("A submitted version is frozen: it cannot be deleted.")


class StepDraft(models.Model):
    """What a person typed into one step of the editor, kept even while it is not yet valid.

    One per (proposal, step, person); removed once the step is saved to the proposal.
    """

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="step_drafts", verbose_name=_("proposal")
    )
    step = models.CharField(_("step"), max_length=32)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("typed by")
    )
    data = models.JSONField(_("what was typed"), default=dict)
    saved_at = models.DateTimeField(_("kept at"), default=timezone.now)

    class Meta:
        verbose_name = _("unsaved typing")
        verbose_name_plural = _("unsaved typing")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "step", "user"], name="stepdraft_unique")
        ]

    def __str__(self):
        return f"{self.proposal_id}/{self.step}/{self.user_id}"


# The record of amendments to a public proposal's facts lives in its own module (models.py stays short).
from .amendments.models import ProposalAmendment  # noqa: E402, F401
