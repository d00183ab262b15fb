"""Running a meeting (issue 15): its opening, who joined and left (and how they were identified),
the secret ballots, and the certification of its minutes by the next meeting.

Imported by ``reviews.models`` (so they are the app's models). Every row here is written once
(``AppendOnly``; database triggers in migration 0004 say the same): attendance is a list of
events, never a flag overwritten, so the quorum at any moment can be read back from it.

Secret ballots (Emergency Decree on Electronic Meetings B.E. 2563, MDES standard): the portal
keeps *that* a member voted (:class:`SecretParticipation`) and *what* was chosen
(:class:`SecretBallot`) in two tables with nothing to join them on: a ballot has no member,
no time, and a random key (so neither its key nor its order says when it was cast), and it is
left out of the audit trail (tests/audit/test_registry.py says why).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import Channel, IdentityCheck, Presence, VoteChoice
from .records import AppendOnly


class MeetingOpening(AppendOnly):
    """The secretary opened the meeting: from then on members join (identified) and items are voted."""

    meeting = models.OneToOneField(
        "reviews.Meeting", on_delete=models.PROTECT, related_name="opening", verbose_name=_("meeting")
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("opened by")
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)

    class Meta:
        verbose_name = _("meeting opening")
        verbose_name_plural = _("meeting openings")
        ordering = ["-opened_at"]

    def __str__(self):
        return f"{self.meeting_id} @ {self.opened_at:%Y-%m-%d %H:%M}"


class AttendanceEvent(AppendOnly):
    """A member joined (after confirming who they are) or left the meeting, at a time."""

    meeting = models.ForeignKey(
        "reviews.Meeting", on_delete=models.PROTECT, related_name="attendance_events", verbose_name=_("meeting")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("member")
    )
    kind = models.CharField(_("event"), max_length=8, choices=Presence.choices)
    at = models.DateTimeField(_("time"), default=timezone.now)
    channel = models.CharField(_("where"), max_length=8, choices=Channel.choices, blank=True)
    # How the member was identified on joining (blank for a departure).
    identity_check = models.CharField(_("identity check"), max_length=8, choices=IdentityCheck.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        verbose_name = _("arrival or departure")
        verbose_name_plural = _("arrivals and departures")
        ordering = ["meeting", "at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="joined") | ~models.Q(identity_check=""),
                name="attendanceevent_join_identified",
            ),
        ]

    def __str__(self):
        return f"{self.meeting_id}: {self.member_id} {self.kind} @ {self.at:%H:%M}"


class SecretParticipation(AppendOnly):
    """That ``member`` voted in the secret ballot on ``agenda_item``; never what. A random key and
    no time: the order of these rows says nothing about the order of the ballots."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agenda_item = models.ForeignKey(
        "reviews.AgendaItem", on_delete=models.PROTECT, related_name="participations", verbose_name=_("agenda item")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("member")
    )

    class Meta:
        verbose_name = _("participation in a secret ballot")
        verbose_name_plural = _("participations in secret ballots")
        ordering = ["agenda_item", "member"]
        constraints = [models.UniqueConstraint(fields=["agenda_item", "member"], name="participation_one_per_member")]

    def __str__(self):
        return f"{self.agenda_item_id}: {self.member_id}"


class SecretBallot(AppendOnly):
    """One choice in a secret ballot: no member, no time, a random key. Counted, never attributed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agenda_item = models.ForeignKey(
        "reviews.AgendaItem", on_delete=models.PROTECT, related_name="secret_ballots", verbose_name=_("agenda item")
    )
    choice = models.CharField(_("vote"), max_length=16, choices=VoteChoice.choices)

    class Meta:
        verbose_name = _("secret ballot")
        verbose_name_plural = _("secret ballots")
        # By choice, never by insertion: a list of ballots must not give away the order they came in.
        ordering = ["agenda_item", "choice", "id"]

    def __str__(self):
        return f"{self.agenda_item_id}: {self.choice}"


class MinutesCertification(AppendOnly):
    """The next meeting of the body certified (รับรอง) the minutes of an earlier one; amendments
    are recorded as corrections ordered by the certifying meeting."""

    meeting = models.OneToOneField(
        "reviews.Meeting", on_delete=models.PROTECT, related_name="certification", verbose_name=_("meeting certified")
    )
    certified_at = models.ForeignKey(
        "reviews.Meeting", on_delete=models.PROTECT, related_name="certified_minutes",
        verbose_name=_("certified at the meeting"),
    )
    amended = models.BooleanField(_("with amendments"), default=False)
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("certification of minutes")
        verbose_name_plural = _("certifications of minutes")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.meeting_id} certified at {self.certified_at_id}"
