"""What accounts holds about a person (core/personal_data.py): the profile, organisation memberships,
invitations, API tokens and second-factor devices; and the sweep of invitations never used.

Erasing a person keeps their row (proposals, votes, minutes and the history point at it, and the
record keeps the act) but empties everything that names or reaches them: the row becomes
"anonymised-<id>", signs in no more, and keeps its role flags, so the record still says that an
Office officer or an evaluator acted.
"""

from django.contrib.auth.hashers import make_password
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.personal_data import Source, Sweep, iso, source_register, sweep_register

from .models import ApiToken, Invitation, Membership, SecondFactorReset, User

ANONYMISED_PREFIX = "anonymised-"


def anonymised_username(pk) -> str:
    return f"{ANONYMISED_PREFIX}{pk}"


def is_anonymised(user) -> bool:
    return user.username == anonymised_username(user.pk)


def _roles(user) -> list:
    flags = [("is_office_staff", "office_staff"), ("is_evaluator", "evaluator"), ("is_staff", "admin_user"),
             ("is_superuser", "superuser")]
    return [name for flag, name in flags if getattr(user, flag)]


def profile_export(user) -> dict:
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "phone": user.phone,
        "position": user.position,
        "preferred_language": user.preferred_language,
        "roles": _roles(user),
        "active": user.is_active,
        "joined": iso(user.date_joined),
        "last_sign_in": iso(user.last_login),
    }


def profile_erase(user) -> int:
    # An update, not save(): the audit trail must not keep the values being erased as "before"
    # (the erasure itself is recorded by the privacy request that ordered it).
    return User.objects.filter(pk=user.pk).update(
        username=anonymised_username(user.pk), first_name="", last_name="", email="", phone="", position="",
        is_active=False, password=make_password(None),
    )


def memberships_export(user) -> list:
    rows = Membership.objects.filter(user=user).select_related("organisation").order_by("joined_at", "pk")
    return [{"organisation": m.organisation.name_th, "organisation_en": m.organisation.name_en,
             "may_invite": m.is_admin, "joined": iso(m.joined_at)} for m in rows]


def memberships_erase(user) -> int:
    return Membership.objects.filter(user=user).delete()[0]


def _invitations_of(user):
    mine = Q(accepted_by=user)
    if user.email:
        mine |= Q(email__iexact=user.email)
    return Invitation.objects.filter(mine)


def invitations_export(user) -> dict:
    received = _invitations_of(user).select_related("organisation").order_by("created_at", "pk")
    sent = Invitation.objects.filter(invited_by=user).select_related("organisation").order_by("created_at", "pk")
    return {
        "received": [{"organisation": i.organisation.name_th, "email": i.email, "invited": iso(i.created_at),
                      "accepted": iso(i.accepted_at)} for i in received],
        "sent": [{"organisation": i.organisation.name_th, "to": i.email, "invited": iso(i.created_at),
                  "accepted": iso(i.accepted_at)} for i in sent],
    }


def invitations_erase(user) -> int:
    # The invitations sent to the person carry their address; the ones they sent are their
    # colleagues' and stay (naming an anonymised sender).
    return _invitations_of(user).exclude(invited_by=user).delete()[0]


def credentials_export(user) -> dict:
    tokens = ApiToken.objects.filter(user=user).order_by("created", "pk")
    return {
        "api_tokens": [{"name": t.name, "created": iso(t.created), "expires": iso(t.expiry)} for t in tokens],
        "authenticators": [d.name for d in TOTPDevice.objects.filter(user=user).order_by("pk")],
        "recovery_codes_set": StaticDevice.objects.filter(user=user).exists(),
        "second_factor_resets": [
            {"at": iso(r.at), "reason": r.reason} for r in SecondFactorReset.objects.filter(user=user)
        ],
    }


def credentials_erase(user) -> int:
    # The resets stay: they are the record of an officer's act (and name the person only by the row).
    return sum(model.objects.filter(user=user).delete()[0] for model in (ApiToken, TOTPDevice, StaticDevice))


def invitations_sweep(before) -> int:
    """Invitations never accepted whose link expired before ``before``."""
    return Invitation.objects.filter(accepted_at__isnull=True, expires_at__lt=before).delete()[0]


def register() -> None:
    source_register(Source(
        "accounts.profile", _("Profile"), profile_export, profile_erase, models=("accounts.User",), order=90,
    ))
    source_register(Source(
        "accounts.memberships", _("Organisation memberships"), memberships_export, memberships_erase,
        models=("accounts.Membership",),
    ))
    source_register(Source(
        "accounts.invitations", _("Invitations"), invitations_export, invitations_erase,
        models=("accounts.Invitation",),
    ))
    source_register(Source(
        "accounts.credentials", _("API tokens and second factor"), credentials_export, credentials_erase,
        models=("accounts.ApiToken", "accounts.SecondFactorReset", "otp_totp.TOTPDevice", "otp_static.StaticDevice"),
    ))
    sweep_register(Sweep("invitations", _("Unused invitations (days after the link expired)"), invitations_sweep,
                         default_days=90))

