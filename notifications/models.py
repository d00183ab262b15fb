import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .kinds import LEGAL, Kind
from .validators import check, url_problem


class Notification(models.Model):
    """The outbox: written in the same transaction as the event it reports.

    A row with ``sent_at`` empty is still owed to its recipient. Delivery first
    claims it (``claimed_at``, committed before anything is sent), then sends
    and stamps ``sent_at``; a claim older than the timeout is taken to be a
    crashed worker's and is claimed again. A crash or a broker outage between
    commit and delivery therefore loses nothing.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
        verbose_name=_("recipient"),
    )
    event = models.CharField(_("event"), max_length=64)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    proposal = models.ForeignKey(
        "applications.Proposal", on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("proposal"),
    )
    status_change = models.ForeignKey(
        "applications.StatusChange", on_delete=models.PROTECT, null=True, blank=True, related_name="notifications",
    )
    # The meeting (reviews.Meeting) a notice, agenda or cancellation is about: the inbox says if it
    # was cancelled. A plain id, so the outbox does not depend on the app above it; reviews fills
    # ``meeting`` on the inbox's rows (notifications.subjects) and clears the id of a deleted meeting.
    meeting_id = models.BigIntegerField(_("meeting"), null=True, blank=True, db_index=True)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("message"))
    html_body = models.TextField(_("message (HTML)"), blank=True)
    # Channels, fixed from the recipient's preferences when the row is written.
    by_email = models.BooleanField(_("by e-mail"), default=True)
    in_app = models.BooleanField(_("in the portal"), default=True)
    digest = models.BooleanField(_("in the daily digest"), default=False)
    # A reminder's identity (kind, object, date, recipient): the unique index makes it go out once.
    key = models.CharField(_("reminder key"), max_length=200, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    # The meeting of ``meeting_id`` (number, cancellation), set by the inbox's fillers; None elsewhere.
    meeting = None

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["sent_at", "created_at"], name="notification_outbox_idx"),
            # The rows delivery may claim: small, whatever the size of the history.
            models.Index(
                fields=["next_attempt_at"], name="notification_due_idx",
                condition=Q(sent_at__isnull=True, failed_at__isnull=True),
            ),
            models.Index(
                fields=["recipient", "created_at"], name="notification_inbox_idx", condition=Q(in_app=True),
            ),
        ]

    def __str__(self):
        return self.subject

    @property
    def state(self) -> str:
        if self.sent_at:
            return "sent"
        if self.failed_at:
            return "failed"
        return "pending"


class NotificationTemplate(models.Model):
    """The wording of one kind in one language, edited by staff; placeholders are checked on save."""

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=255)
    text = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True, help_text=_("Left empty, the HTML is made from the text."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification template")
        verbose_name_plural = _("notification templates")
        ordering = ["kind", "language"]
        constraints = [models.UniqueConstraint(fields=["kind", "language"], name="notification_template_unique")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.language})"

    def clean(self):
        errors = {}
        for field in ("subject", "text", "html"):
            try:
                check(getattr(self, field) or "", self.kind)
            except ValidationError as exc:
                errors[field] = exc.messages
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # Never stored with an unknown placeholder, whoever saves it.
        self.clean()
        super().save(*args, **kwargs)


class Channel(models.TextChoices):
    BOTH = "both", _("E-mail and in the portal")
    EMAIL = "email", _("E-mail only")
    IN_APP = "in_app", _("In the portal only")


class Preference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    channel = models.CharField(_("how"), max_length=8, choices=Channel.choices, default=Channel.BOTH)
    digest = models.BooleanField(_("daily digest instead of single e-mails"), default=False)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_unique")]

    def __str__(self):
        return f"{self.user}: {self.kind} {self.channel}"

    def clean(self):
        if self.kind in LEGAL and (self.channel == Channel.IN_APP or self.digest):
            raise ValidationError(
                _("“%(kind)s” starts a legal deadline: it is always e-mailed at once.")
                % {"kind": Kind(self.kind).label},
                code="legal",
            )


class WebhookEndpoint(models.Model):
    """A system outside the portal (a provincial office, say) told of chosen events."""

    name = models.CharField(_("name"), max_length=120)
    url = models.URLField(_("URL"), max_length=500)
    secret = models.CharField(
        _("secret"), max_length=128, help_text=_("Shared with the receiver; signs every delivery (HMAC-SHA256)."),
    )
    events = models.JSONField(_("events"), default=list, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        problem = url_problem(self.url)
        if problem:
            raise ValidationError({"url": problem})


class WebhookDelivery(models.Model):
    """One event for one endpoint: an outbox row like a notification, with its delivery log."""

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("endpoint"),
    )
    delivery_id = models.UUIDField(_("delivery id"), default=uuid.uuid4, unique=True, editable=False)
    event = models.CharField(_("event"), max_length=64)
    payload = models.JSONField(_("payload"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_status = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"], name="webhook_due_idx",
                condition=Q(delivered_at__isnull=True, failed_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.event} → {self.endpoint}"
