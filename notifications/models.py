from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """The outbox: written in the same transaction as the event it reports.

    A row with ``sent_at`` empty is still owed to its recipient; delivery
    claims it, sends it and stamps it, so a crash or a broker outage between
    commit and delivery loses nothing.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
        verbose_name=_("recipient"),
    )
    event = models.CharField(_("event"), max_length=64)
    proposal = models.ForeignKey(
        "applications.Proposal", on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("proposal"),
    )
    status_change = models.ForeignKey(
        "applications.StatusChange", on_delete=models.PROTECT, null=True, blank=True, related_name="notifications",
    )
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["sent_at", "created_at"], name="notification_outbox_idx")]

    def __str__(self):
        return self.subject
