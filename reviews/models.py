from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.i18n import BilingualName
from core.thai import meeting_number

from .enums import Ballot, BodyKind, IdentityCheck, MemberRole, ResolutionKind, VoteChoice
from .records import LOCKED, AppendOnly, LockedOnceRecorded


class Body(BilingualName):
    """The working group, the subcommittee or the committee."""

    kind = models.CharField(_("kind"), max_length=32, choices=BodyKind.choices, unique=True)
    # Administrative Procedure Act B.E. 2539 defaults, configurable per body.
    notice_days = models.PositiveSmallIntegerField(_("days of notice before a meeting"), default=3)
    quorum_fraction = models.DecimalField(
        _("quorum (share of all members)"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1"))],
    )
    # How members confirm who they are when they join a meeting (the Office's setting; issue 15).
    identity_check = models.CharField(
        _("identity check on joining a meeting"), max_length=8, choices=IdentityCheck.choices,
        default=IdentityCheck.PASSWORD,
    )

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["kind"]


class BodyMembership(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("body"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="body_memberships",
        verbose_name=_("member"),
    )
    role = models.CharField(_("role"), max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER)
    affiliation = models.CharField(_("affiliation"), max_length=255, blank=True)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)

    class Meta:
        verbose_name = _("member of a body")
        verbose_name_plural = _("members of bodies")
        ordering = ["body", "role", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_end__isnull=True) | models.Q(term_end__gte=models.F("term_start")),
                name="bodymembership_term_ordered",
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.body})"


class Meeting(models.Model):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("body"))
    # The Nth meeting of this body in this Buddhist-Era year: "1/2565".
    year_be = models.PositiveSmallIntegerField(_("year (B.E.)"))
    number = models.PositiveSmallIntegerField(_("number"))
    held_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place or link"), max_length=255, blank=True)
    notice_sent_at = models.DateTimeField(_("notice sent"), null=True, blank=True)
    # Notice shorter than the body's notice_days needs a reason, kept in the record.
    notice_override_reason = models.TextField(_("reason for short notice"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    # Postponed: the date it was called for last, and why it moved (the number stays).
    postponed_from = models.DateTimeField(_("postponed from"), null=True, blank=True)
    postponement_reason = models.TextField(_("reason for postponement"), blank=True)
    # Cancelled, never deleted once announced: the notice went out, so the record stays.
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cancelled by"),
    )
    cancellation_reason = models.TextField(_("reason for cancellation"), blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_at"]
        constraints = [models.UniqueConstraint(fields=["body", "year_be", "number"], name="meeting_number_unique")]

    @property
    def label(self) -> str:
        return meeting_number(self.number, self.year_be)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def __str__(self):
        return _("%(body)s, meeting no. %(label)s") % {"body": self.body, "label": self.label}


class AgendaItem(LockedOnceRecorded):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("meeting"))
    proposal = models.ForeignKey(
        "applications.Proposal", on_delete=models.PROTECT, related_name="agenda_items", verbose_name=_("proposal")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Chosen by the chair; secret -> open is refused once anyone has voted (reviews/sitting).
    ballot = models.CharField(_("ballot"), max_length=8, choices=Ballot.choices, default=Ballot.OPEN)
    # At a meeting the secretary opened, the chair opens the vote on each item (and closes it).
    voting_opened_at = models.DateTimeField(_("vote opened"), null=True, blank=True)
    voting_opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("vote opened by"),
    )
    # Closed by the chair: from then on no vote changes, and the resolution stands.
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    resolution = models.OneToOneField(
        "Resolution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_item",
        verbose_name=_("resolution"),
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order"]
        constraints = [models.UniqueConstraint(fields=["meeting", "proposal"], name="agenda_proposal_unique")]

    def __str__(self):
        return f"{self.meeting.label} #{self.order}: {self.proposal_id}"

    locked_message = LOCKED["item"]

    @property
    def is_secret(self) -> bool:
        return self.ballot == Ballot.SECRET

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None or self.resolution_id is not None

    # Once closed (a close time or a resolution) the item stands as the minutes show it; the
    # database refuses the same (smartcity 0002), this refuses before a query is sent.
    def record_locked(self) -> bool:
        return AgendaItem.objects.filter(ITEM_CLOSED, pk=self.pk).exists()


# An item is closed once it has a close time or a resolution (the database's trigger says the same).
ITEM_CLOSED = models.Q(closed_at__isnull=False) | models.Q(resolution__isnull=False)


def meeting_is_closed(meeting_id) -> bool:
    """Whether any item of the meeting is closed: from then on its attendance is part of the record."""
    return AgendaItem.objects.filter(ITEM_CLOSED, meeting_id=meeting_id).exists()


class Resolution(AppendOnly):
    """What a meeting decided on one proposal: written once; a mistake is mended by a Correction."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="resolutions", verbose_name=_("meeting")
    )
    proposal = models.ForeignKey(
        "applications.Proposal", on_delete=models.PROTECT, related_name="resolutions", verbose_name=_("proposal")
    )
    kind = models.CharField(_("resolution"), max_length=16, choices=ResolutionKind.choices)
    text = models.TextField(_("text of the resolution"), blank=True)
    # What the chair attached to the resolution (the changes asked for an approval in principle).
    conditions = models.TextField(_("conditions"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    # A default, not auto_now_add: loaders of decisions taken before the portal pass the time
    # they were taken at creation, as the row can never be updated afterwards.
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["meeting", "id"]

    def __str__(self):
        return f"{self.meeting.label}: {self.get_kind_display()}"

    # The effective resolution: the latest correction of each field, else what was recorded.
    # Reads ``corrections`` (prefetch them where resolutions are listed).

    @cached_property
    def _corrections(self) -> list:
        # One query per instance at most (none when prefetched), however often a page asks.
        return list(self.corrections.all())

    def _latest(self, field):
        found = [c for c in self._corrections if c.field == field]
        return max(found, key=lambda c: (c.at, c.pk)) if found else None

    @property
    def is_corrected(self) -> bool:
        return bool(self._corrections)

    @property
    def effective_kind(self) -> str:
        latest = self._latest("kind")
        return latest.value if latest else self.kind

    @property
    def effective_kind_display(self) -> str:
        return str(ResolutionKind(self.effective_kind).label)

    @property
    def effective_text(self) -> str:
        latest = self._latest("text")
        return latest.value if latest else self.text


class EvaluatorAssignment(models.Model):
    """An evaluator of the working group scores one claimed dimension of a proposal."""

    proposal = models.ForeignKey(
        "applications.Proposal", on_delete=models.CASCADE, related_name="assignments", verbose_name=_("proposal")
    )
    dimension = models.ForeignKey("dimensions.Dimension", on_delete=models.PROTECT, verbose_name=_("dimension"))
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("evaluator")
    )
    # Evaluators score what was handed in, never the draft being edited.
    version = models.ForeignKey(
        "applications.ProposalVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("version scored"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("scores submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluator assignment")
        verbose_name_plural = _("evaluator assignments")
        constraints = [models.UniqueConstraint(fields=["proposal", "dimension", "evaluator"], name="assignment_unique")]

    def __str__(self):
        return f"{self.proposal_id} {self.dimension_id}: {self.evaluator}"


class CriterionScore(LockedOnceRecorded):
    assignment = models.ForeignKey(
        EvaluatorAssignment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("assignment")
    )
    subcriterion = models.ForeignKey(
        "dimensions.SubCriterion", on_delete=models.PROTECT, verbose_name=_("sub-criterion")
    )
    score = models.DecimalField(
        _("score (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "subcriterion"], name="score_unique"),
            models.CheckConstraint(condition=models.Q(score__gte=0) & models.Q(score__lte=100), name="score_in_range"),
        ]

    def __str__(self):
        return f"{self.subcriterion_id}: {self.score}"

    # Submitted scores are the record (frozen again as a ScoreSubmission); the evaluator's draft
    # is not. The database refuses the same (smartcity 0002).
    locked_message = LOCKED["score"]

    def record_locked(self) -> bool:
        return EvaluatorAssignment.objects.filter(pk=self.assignment_id, submitted_at__isnull=False).exists()


class Attendance(LockedOnceRecorded):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("meeting"))
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("member")
    )
    present = models.BooleanField(_("present"), default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique")]

    def __str__(self):
        return f"{self.meeting_id}: {self.member_id} {'present' if self.present else 'absent'}"

    # Who was present decided the quorum of the items closed: once one is, the roll call stands.
    locked_message = LOCKED["attendance"]

    def record_locked(self) -> bool:
        return meeting_is_closed(self.meeting_id)


class ConflictDeclaration(AppendOnly):
    """A member's conflict of interest on one agenda item: no dossier, no vote, not in the quorum.

    Written once: it explains why the member did not vote, so it outlives any change of the agenda
    (an item with a declared conflict cannot be removed, as one with votes cannot).
    """

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, related_name="conflicts", verbose_name=_("agenda item")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("member")
    )
    reason = models.TextField(_("reason"))
    # A default, not auto_now_add (as Resolution.recorded_at): the demo's finished meeting is dated when it sat.
    declared_at = models.DateTimeField(_("declared"), default=timezone.now)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [models.UniqueConstraint(fields=["agenda_item", "member"], name="conflict_unique")]

    def __str__(self):
        return f"{self.agenda_item_id}: {self.member_id}"


class Vote(models.Model):
    """One member's vote on one agenda item; the unique constraint makes it exactly one."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, related_name="votes", verbose_name=_("agenda item")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("member")
    )
    choice = models.CharField(_("vote"), max_length=16, choices=VoteChoice.choices)
    reason = models.TextField(_("reason"), blank=True)
    # A default, not auto_now_add (as Resolution.recorded_at): the demo's finished meeting is dated when it sat.
    cast_at = models.DateTimeField(_("cast"), default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["agenda_item", "member"], name="vote_one_per_member")]

    def __str__(self):
        return f"{self.agenda_item_id}: {self.member_id} {self.choice}"


class ZoneGroup(models.Model):
    """An announcement of promotion zones, grouped by region: "group 1, northern region"."""

    number = models.PositiveSmallIntegerField(_("group"))
    region = models.ForeignKey("provinces.Region", on_delete=models.PROTECT, verbose_name=_("region"))
    announced_on = models.DateField(_("announced on"))

    class Meta:
        verbose_name = _("promotion zone group")
        verbose_name_plural = _("promotion zone groups")
        ordering = ["-announced_on", "number"]
        constraints = [models.UniqueConstraint(fields=["number", "region"], name="zonegroup_unique")]

    def __str__(self):
        return f"{self.number} {self.region}"



# Submitted scores, reopenings, corrections, issued documents and the sitting: defined apart to keep
# each module short. They name this module's models as "reviews.Meeting" (strings), not by import,
# so the modules do not import each other in a circle.
from .issued_models import IssuedDocument  # noqa: E402, F401
from .record_models import Correction, ScoreReopening, ScoreSubmission  # noqa: E402, F401
from .sitting_models import (  # noqa: E402, F401
    AttendanceEvent,
    MeetingOpening,
    MinutesCertification,
    SecretBallot,
    SecretParticipation,
)
