import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken


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

    def save(self, *args, **kwargs):
        # Django keeps the new raw password until the save (and clears it when it only
        # re-hashes one at sign-in): a password that changed, by any path, ends every API token.
        password_changed = self._password is not None and not self._state.adding
        super().save(*args, **kwargs)
        if password_changed or getattr(self, "_password_disabled", False) or not self.is_active:
            # A deactivated account keeps no token either, so reactivating it revives none.
            ApiToken.objects.filter(user=self).delete()
            self._password_disabled = False

    def set_unusable_password(self):
        super().set_unusable_password()
        self._password_disabled = True


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


class ApiToken(AbstractAuthToken):
    """An API token (django-rest-knox): one per device or script, stored hashed, expiring.

    knox's own model keys tokens by their hash; here a plain number keys them, so the
    owner's page can name one in a URL, and ``name`` says which device or script holds it.
    """

    id = models.BigAutoField(primary_key=True)
    digest = models.CharField(max_length=128, unique=True)
    name = models.CharField(_("device or script"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        indexes = [models.Index(fields=["user", "expiry"], name="apitoken_user_expiry")]

    def __str__(self):
        return f"{self.token_key}… ({self.user})"


class SecondFactorResetQuerySet(models.QuerySet):
    # The record of resets is append-only, like the proposal's history.
    def update(self, **kwargs):
        raise PermissionError("Second-factor resets are a record: they cannot be updated.")

    def delete(self):
        raise PermissionError("Second-factor resets are a record: they cannot be deleted.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise PermissionError("Second-factor resets are a record: they cannot be updated.")


class SecondFactorReset(models.Model):
    """An officer removed a person's second factor (a lost phone): who, whose, when and why.

    The person enrols again at their next sign-in. The devices themselves (django-otp's rows)
    are deleted; this row is the record that it happened, never changed afterwards.
    """

    user = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="second_factor_resets", verbose_name=_("person")
    )
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("reset by"))
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    reason = models.TextField(_("reason"))
    removed = models.CharField(_("what was removed"), max_length=255, blank=True)

    objects = SecondFactorResetQuerySet.as_manager()

    class Meta:
        verbose_name = _("second-factor reset")
        verbose_name_plural = _("second-factor resets")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.user} ({self.at:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Second-factor resets are a record: a reset cannot be edited.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Second-factor resets are a record: a reset cannot be deleted.")
