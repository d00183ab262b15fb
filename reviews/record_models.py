"""The record's own history: submitted scores frozen, reopenings and corrections (issue 14).

Imported by ``reviews.models`` (so they are the app's models); each row is written once. The
models they point at are named as "reviews.Model", not imported: reviews.models imports this
module, and this one does not import it back.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .enums import ResolutionKind
from .records import AppendOnly


class ScoreSubmission(AppendOnly):
    """The scores of one assignment as they were submitted, frozen: reopening keeps it, a later
    submission adds another. ``scores`` lists ``{"subcriterion", "code", "name", "weight", "score",
    "comment"}`` (numbers as strings, exact decimals); ``total`` is their weighted mean."""

    assignment = models.ForeignKey(
        "reviews.EvaluatorAssignment", on_delete=models.PROTECT, related_name="submissions",
        verbose_name=_("assignment"),
    )
    version = models.ForeignKey(
        "applications.ProposalVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("version scored"),
    )
    submitted_at = models.DateTimeField(_("scores submitted"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted by")
    )
    scores = models.JSONField(_("scores"))
    total = models.DecimalField(_("weighted score (%)"), max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("submitted scores")
        verbose_name_plural = _("submitted scores")
        ordering = ["assignment", "submitted_at", "id"]

    def __str__(self):
        return f"{self.assignment_id} @ {self.submitted_at:%Y-%m-%d %H:%M}: {self.total}"


class ScoreReopening(AppendOnly):
    """The Office sent submitted scores back to their evaluator: who, when and why, for good."""

    assignment = models.ForeignKey(
        "reviews.EvaluatorAssignment", on_delete=models.PROTECT, related_name="reopenings", verbose_name=_("assignment")
    )
    submission = models.ForeignKey(
        ScoreSubmission, on_delete=models.PROTECT, null=True, blank=True, related_name="reopenings",
        verbose_name=_("submitted scores reopened"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("reopened by")
    )
    at = models.DateTimeField(_("reopened"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("reopened evaluation")
        verbose_name_plural = _("reopened evaluations")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.assignment_id} @ {self.at:%Y-%m-%d %H:%M}"


def shown(field, value) -> str:
    """A value as stored in a correction, as a reader reads it: the kind's name, present/absent, the text."""
    base = field.partition(":")[0]
    if base == "kind" and value in ResolutionKind.values:
        return str(ResolutionKind(value).label)
    if base == "present":
        return gettext("present") if value else gettext("absent")
    if value is None or value == "":
        return "—"
    return str(value)


class Correction(AppendOnly):
    """A mistake in the record mended by a new row, never by overwriting the old one.

    Exactly one target (an explicit foreign key each, see ``TARGETS``): the database keeps
    each target while a correction names it, and a page lists an item's corrections with a
    join. ``original`` is the value that was wrong (the effective one when this was recorded),
    ``value`` the right one; the effective value of a field is its latest correction.
    ``ordered_by`` is the meeting whose resolution ordered it ("แก้ไขตามมติที่ประชุมครั้งที่ 2/2569").
    """

    resolution = models.ForeignKey(
        "reviews.Resolution", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections",
        verbose_name=_("resolution"),
    )
    attendance = models.ForeignKey(
        "reviews.Attendance", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections",
        verbose_name=_("attendance"),
    )
    conflict = models.ForeignKey(
        "reviews.ConflictDeclaration", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections",
        verbose_name=_("conflict of interest"),
    )
    submission = models.ForeignKey(
        ScoreSubmission, on_delete=models.PROTECT, null=True, blank=True, related_name="corrections",
        verbose_name=_("submitted scores"),
    )
    field = models.CharField(_("what was corrected"), max_length=32)
    original = models.JSONField(_("recorded value"), null=True, blank=True)
    value = models.JSONField(_("corrected value"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    at = models.DateTimeField(_("recorded"), default=timezone.now)
    ordered_by = models.ForeignKey(
        "reviews.Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("ordered by the resolution of the meeting"),
    )

    TARGETS = ("resolution", "attendance", "conflict", "submission")

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(resolution__isnull=False, attendance__isnull=True, conflict__isnull=True,
                             submission__isnull=True)
                    | models.Q(resolution__isnull=True, attendance__isnull=False, conflict__isnull=True,
                               submission__isnull=True)
                    | models.Q(resolution__isnull=True, attendance__isnull=True, conflict__isnull=False,
                               submission__isnull=True)
                    | models.Q(resolution__isnull=True, attendance__isnull=True, conflict__isnull=True,
                               submission__isnull=False)
                ),
                name="correction_one_target",
            ),
            models.CheckConstraint(condition=~models.Q(reason=""), name="correction_has_reason"),
        ]

    @property
    def original_shown(self) -> str:
        return shown(self.field, self.original)

    @property
    def value_shown(self) -> str:
        return shown(self.field, self.value)

    @property
    def target(self):
        return next(getattr(self, name) for name in self.TARGETS if getattr(self, f"{name}_id") is not None)

    def __str__(self):
        return f"{self.field}: {self.original!r} → {self.value!r}"
