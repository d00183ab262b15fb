import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """The portal's user, custom from the first migration so it can grow.

    Role flags are plain columns: they are read on every request and a group
    lookup per check would cost a query each time.
    """

    is_office_staff = models.BooleanField(
        _("Smart City Office staff"), default=False,
        help_text=_("Screens proposals, assigns evaluators, records resolutions."),
    )
    is_evaluator = models.BooleanField(_("evaluator (working group)"), default=False)
    position = models.CharField(_("position"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    preferred_language = models.CharField(
        _("language"), max_length=2, choices=[("th", "ไทย"), ("en", "English")], default="th"
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username


class Membership(models.Model):
    """A user works for a proponent organisation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "provinces.Organisation", on_delete=models.CASCADE, related_name="memberships",
        verbose_name=_("organisation"),
    )
    is_admin = models.BooleanField(_("may invite colleagues"), default=False)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation membership")
        verbose_name_plural = _("organisation memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique")
        ]

    def __str__(self):
        return f"{self.user} — {self.organisation}"


def _token():
    return secrets.token_urlsafe(32)


def _in_two_weeks():
    return timezone.now() + timedelta(days=14)


class Invitation(models.Model):
    """A colleague invited by e-mail to join an organisation; the link carries the token."""

    organisation = models.ForeignKey(
        "provinces.Organisation", on_delete=models.CASCADE, related_name="invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("e-mail"))
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    invited_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("invited by")
    )
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=_in_two_weeks)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("accepted by")
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
