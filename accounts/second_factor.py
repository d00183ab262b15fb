"""A second factor for the people who decide: who is asked, and the writes of enrolling,
verifying, recovery codes and an officer's reset.

Who: :func:`accounts.permissions.decides` (Office staff, admin users, evaluators, members of
the bodies), while ``OTP_REQUIRED_FOR_DECIDERS`` is on. After the password such a person's
session is signed in but not *verified*; ``accounts.middleware.SecondFactorMiddleware`` lets
it reach only the verification and enrolment pages and signing out until a code is given.

The factor is django-otp's: a TOTP device (an authenticator app: a 6-digit code every 30
seconds) and a static device holding ten single-use recovery codes, for a lost phone. A
device is verified through ``django_otp.verify_token``, which locks the row and counts the
device's own failures (an exponential delay, ``ThrottlingMixin``); the views count each wrong
code as a failed sign-in under the one policy (accounts/signin.py) as well.

Enrolling is trust on first use: whoever holds the password of a person who has no factor
yet sets one up. So an officer's reset (a lost phone) should be done with the person, who
then enrols at their next sign-in.
"""

import re
from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.errors import DomainError

from .models import ApiToken, SecondFactorReset, User
from .permissions import decides, is_office_staff

RECOVERY_CODES = 10
TOTP_NAME = "authenticator"
STATIC_NAME = "recovery codes"


class SecondFactorError(DomainError):
    """A refused step of the second factor, with a message for the person."""


class WrongCode(SecondFactorError):
    default_code = "second_factor_invalid"
    message = _("That code is not right. Type the 6-digit code your authenticator app shows now, "
                "or one of your recovery codes.")


class TooSoon(SecondFactorError):
    default_code = "second_factor_throttled"

    def __init__(self, seconds):
        self.seconds = seconds
        super().__init__(_("Several wrong codes were typed: wait %(seconds)d seconds, then try again.")
                         % {"seconds": seconds})


class NotEnrolled(SecondFactorError):
    default_code = "second_factor_not_enrolled"
    message = _("You have not set up an authenticator app yet: sign in on the portal's web pages to set it up.")


class AlreadyEnrolled(SecondFactorError):
    default_code = "duplicate"
    message = _("An authenticator app is already set up for this account.")


class ResetRefused(SecondFactorError):
    default_code = "forbidden"
    message = _("Only Smart City Office staff may reset another person's second factor.")


# --- Who is asked ----------------------------------------------------------------------------------

def required(user) -> bool:
    """The person must pass the second factor to use the portal (the setting is read each time,
    so a test may turn it on)."""
    return bool(getattr(settings, "OTP_REQUIRED_FOR_DECIDERS", False)) and decides(user)


def verified(user) -> bool:
    """This session passed the second factor (django-otp's middleware sets ``is_verified``), or
    signed in through a provider that the Office's rule lets stand for it (identity's middleware
    sets ``second_factor_vouched``: ThaiD's own sign-in is already more than a password)."""
    if getattr(user, "second_factor_vouched", False):
        return True
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified()) if callable(is_verified) else False


def pending(user) -> bool:
    """Signed in with the password, but the second factor is still owed."""
    return required(user) and not verified(user)


# --- Reads -------------------------------------------------------------------------------------------

def authenticator(user):
    """The person's confirmed authenticator (TOTP device), or None."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_device(user):
    return StaticDevice.objects.filter(user=user).order_by("pk").first()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def qr_svg(device) -> str:
    """The enrolment QR code as an inline SVG (no image request, nothing sent elsewhere)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#0b3d7a", light="#ffffff")


def manual_key(device) -> str:
    """The secret in base32, in groups of four, for typing into an app instead of scanning."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))


def _clean(code) -> str:
    # People type codes with spaces or dashes ("123 456", "abcd-efgh"); recovery codes in any case.
    return re.sub(r"[\s-]+", "", str(code or "")).lower()


def _is_app_code(code) -> bool:
    return len(code) == 6 and code.isdigit()


# --- Writes -------------------------------------------------------------------------------------------

def second_factor_enrol_start(*, user) -> TOTPDevice:
    """The authenticator being set up (unconfirmed until its first code), made once and kept,
    so the QR code a person already scanned stays valid when they come back."""
    if enrolled(user):
        raise AlreadyEnrolled()
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()  # one setup at a time per person
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def second_factor_enrol_confirm(*, user, code) -> tuple[TOTPDevice, list[str]]:
    """The first code from the app confirms it; returns the device and ten new recovery codes
    (shown once: only their holder sees them again, on paper)."""
    if enrolled(user):
        raise AlreadyEnrolled()
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    code = _clean(code)
    if device is None or not _is_app_code(code):
        raise WrongCode(field="code")
    # Outside a transaction of ours: a wrong code's count must be kept when we refuse.
    allowed, info = device.verify_is_allowed()
    if not allowed:
        raise TooSoon(_seconds_left(info))
    if not device.verify_token(code):
        raise WrongCode(field="code")
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        codes = _recovery_codes_replace(user)
    return device, codes


def second_factor_verify(*, user, code):
    """The device that accepts ``code`` (the app's 6 digits, or a recovery code, used up now)."""
    code = _clean(code)
    if _is_app_code(code):
        device = authenticator(user)
    else:
        device = recovery_device(user)
    if device is None:
        if not enrolled(user):
            raise NotEnrolled()
        raise WrongCode(field="code")
    allowed, info = device.verify_is_allowed()
    if not allowed:
        raise TooSoon(_seconds_left(info))
    # django-otp verifies in its own transaction (the row locked); a failure's count is kept.
    accepted = verify_token(user, device.persistent_id, code)
    if accepted is None:
        raise WrongCode(field="code")
    return accepted


def recovery_codes_regenerate(*, user) -> list[str]:
    """Ten new recovery codes; the old ones stop working. The caller checked the password."""
    if not enrolled(user):
        raise NotEnrolled()
    with transaction.atomic():
        return _recovery_codes_replace(user)


def second_factor_reset(*, user, by, reason) -> SecondFactorReset:
    """An officer removes a person's second factor (a lost phone), with the reason, on the record.

    The person's API tokens end too: they were issued on the strength of the factor now gone.
    Their sessions lose their verification at once (the device they were verified with is gone).
    """
    if not is_office_staff(by) or by.pk == user.pk:
        raise ResetRefused()
    reason = (reason or "").strip()
    if not reason:
        raise SecondFactorError(_("Say why the second factor is reset."), code="invalid", field="reason")
    with transaction.atomic():
        apps = TOTPDevice.objects.filter(user=user, confirmed=True).count()
        codes = recovery_codes_left(user)
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        ApiToken.objects.filter(user=user).delete()
        removed = f"authenticator: {apps}; recovery codes left: {codes}"
        return SecondFactorReset.objects.create(user=user, by=by, reason=reason, removed=removed)


def _recovery_codes_replace(user) -> list[str]:
    device = recovery_device(user) or StaticDevice.objects.create(user=user, name=STATIC_NAME)
    device.token_set.all().delete()
    codes = set()
    while len(codes) < RECOVERY_CODES:
        codes.add(StaticToken.random_token())
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in sorted(codes)])
    return sorted(codes)


def _seconds_left(info) -> int:
    until = (info or {}).get("locked_until")
    if until is None:
        return 1
    return max(1, int((until - timezone.now()).total_seconds()) + 1)
