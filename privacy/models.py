"""The privacy notice (versioned), each person's acknowledgement of it, requests about one's data,
the sign-in history, and the retention periods the Office sets (PDPA, issue 20)."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from reviews.records import AppendOnly

from .enums import RequestKind, RequestState

# The sections of a notice, each written in Thai and in English: (field stem, label).
SECTIONS = (
    ("controller", _("Data controller")),
    ("dpo", _("Data protection officer (DPO)")),
    ("purposes", _("Purposes")),
    ("legal_bases", _("Legal bases")),
    ("retention", _("How long data is kept")),
    ("recipients", _("Who receives the data")),
    ("rights", _("Your rights")),
)


class PrivacyNotice(AppendOnly):
    """One version of the notice. A change is a new version (a new row); old versions stay as they
    were shown, since each acknowledgement names the version the person read."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    controller_th = models.TextField(_("data controller (Thai)"))
    controller_en = models.TextField(_("data controller (English)"))
    dpo_th = models.TextField(_("DPO contact (Thai)"))
    dpo_en = models.TextField(_("DPO contact (English)"))
    purposes_th = models.TextField(_("purposes (Thai)"))
    purposes_en = models.TextField(_("purposes (English)"))
    legal_bases_th = models.TextField(_("legal bases (Thai)"))
    legal_bases_en = models.TextField(_("legal bases (English)"))
    retention_th = models.TextField(_("retention (Thai)"))
    retention_en = models.TextField(_("retention (English)"))
    recipients_th = models.TextField(_("recipients (Thai)"))
    recipients_en = models.TextField(_("recipients (English)"))
    rights_th = models.TextField(_("rights (Thai)"))
    rights_en = models.TextField(_("rights (English)"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notice versions")
        ordering = ["-version"]

    def __str__(self):
        return _("Privacy notice, version %(version)s") % {"version": self.version}

    def sections(self, language=None):
        """[(label, text)] in ``language`` (the active one by default), Thai where English is empty."""
        suffix = "en" if (language or get_language() or "th").startswith("en") else "th"
        return [(label, getattr(self, f"{stem}_{suffix}") or getattr(self, f"{stem}_th")) for stem, label in SECTIONS]


class Acknowledgement(AppendOnly):
    """A person accepted (or refused) one version of the notice. Append-only: the latest row for a
    version is the person's answer to it; a change of mind is a new row."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="privacy_acknowledgements",
        verbose_name=_("person"),
    )
    notice = models.ForeignKey(PrivacyNotice, on_delete=models.PROTECT, related_name="acknowledgements",
                               verbose_name=_("version"))
    accepted = models.BooleanField(_("accepted"))
    language = models.CharField(_("read in"), max_length=8, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("acknowledgement of the privacy notice")
        verbose_name_plural = _("acknowledgements of the privacy notice")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["user", "notice", "at"], name="privacy_ack_user_notice")]

    def __str__(self):
        return f"{self.user_id} v{self.notice_id}: {'accepted' if self.accepted else 'refused'}"


def _due(created):
    # The Act gives the controller 30 days to answer a request (PDPA s. 30).
    return timezone.localdate(created) + datetime.timedelta(days=settings.PRIVACY_REQUEST_DAYS)


class DataRequest(models.Model):
    """A person asks the Office to correct or delete their data; the Office answers within 30 days."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="privacy_requests",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("request"), max_length=16, choices=RequestKind.choices)
    details = models.TextField(_("details"), blank=True)
    state = models.CharField(_("state"), max_length=16, choices=RequestState.choices, default=RequestState.OPEN,
                             db_index=True)
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    due_on = models.DateField(_("answer due"))
    # Why a deletion waits (open meeting duties), as the person and the Office are told.
    held_reason = models.TextField(_("why it waits"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    response = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("request about personal data")
        verbose_name_plural = _("requests about personal data")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["state", "due_on"], name="privacy_request_queue")]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    def save(self, *args, **kwargs):
        if self.due_on is None:
            self.due_on = _due(self.created_at or timezone.now())
        super().save(*args, **kwargs)

    @property
    def overdue(self) -> bool:
        return self.state in (RequestState.OPEN, RequestState.HELD) and self.due_on < timezone.localdate()

    @property
    def days_left(self) -> int:
        return (self.due_on - timezone.localdate()).days


class SignInEvent(models.Model):
    """One sign-in: the person's sign-in history, kept for the period the Office sets."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("person"))
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("sign-in")
        verbose_name_plural = _("sign-in history")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["user", "at"], name="privacy_signin_user_at")]

    def __str__(self):
        return f"{self.user_id} {self.at:%Y-%m-%d %H:%M}"


class RetentionPeriod(models.Model):
    """How many days one kind of data is kept (the kinds are registered: core/personal_data.py)."""

    key = models.CharField(_("kind of data"), max_length=32, unique=True)
    days = models.PositiveIntegerField(_("days kept"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")
        ordering = ["key"]

    def __str__(self):
        return f"{self.key}: {self.days}"
