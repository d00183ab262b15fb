"""Who signed in through which provider, and the Office's rule for the people who decide."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LinkedIdentity(models.Model):
    """A person's account at a provider (its ``sub``), linked at their first sign-in there.

    Linked only through a verified claim (identity/services.py); afterwards the subject alone
    finds the account, whatever e-mail address the provider gives later.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="linked_identities",
                             verbose_name=_("person"))
    provider = models.CharField(_("provider"), max_length=32)
    subject = models.CharField(_("subject at the provider"), max_length=255)
    linked_by = models.CharField(_("linked by"), max_length=16, choices=[
        ("email", _("verified e-mail address")), ("invitation", _("invitation")),
    ])
    linked_at = models.DateTimeField(_("linked"), default=timezone.now)
    last_sign_in_at = models.DateTimeField(_("last sign-in"), null=True, blank=True)

    class Meta:
        verbose_name = _("linked sign-in identity")
        verbose_name_plural = _("linked sign-in identities")
        ordering = ["-linked_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="linked_identity_unique"),
            # One account per person at a provider: a second subject is not silently added.
            models.UniqueConstraint(fields=["provider", "user"], name="linked_identity_one_per_user"),
        ]

    def __str__(self):
        return f"{self.user} @ {self.provider}"


RULES = [
    ("password", _("a password (and the authenticator app's code where it is on)")),
    ("oidc", _("a state digital ID provider (ThaiD or DGA Digital ID) only")),
    ("oidc+totp", _("a state digital ID provider, then the authenticator app's code")),
]


class SignInRule(models.Model):
    """The Office's choice of how the people who decide sign in (one row; the setting until set)."""

    deciders = models.CharField(_("the people who decide sign in with"), max_length=16, choices=RULES,
                                default="password")
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("sign-in rule for the people who decide")
        verbose_name_plural = _("sign-in rule for the people who decide")

    def __str__(self):
        return str(self.get_deciders_display())

    def save(self, *args, **kwargs):
        # One rule: always row 1, so adding it again in the admin changes it (no "is there one?"
        # query on every admin page to hide the add button).
        self.pk = 1
        super().save(*args, **kwargs)
