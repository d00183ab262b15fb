"""Writes about people and organisations: invitations, accepting them, new organisations.

Every function is keyword-only and runs in one transaction; e-mail leaves only
after the transaction commits (a rolled-back write sends nothing).
"""

import logging

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from provinces.models import Organisation

from . import selectors, signin
from .models import ApiToken, Invitation, Membership, User
from .permissions import invitation_matches

log = logging.getLogger(__name__)


class AccountError(DomainError):
    """A refused write, with a message for the person who asked."""


class AlreadyMember(AccountError):
    default_code = "duplicate"
    message = _("This person is already a member of the organisation.")


class InvitationClosed(AccountError):
    default_code = "closed"
    message = _("This invitation can no longer be used.")

    def __init__(self, reason):
        self.reason = reason  # "used" or "expired"
        super().__init__()


class AccountExists(AccountError):
    default_code = "duplicate"
    message = _("An account with this e-mail address already exists: sign in, then open the invitation link again.")


class WrongAccount(AccountError):
    default_code = "forbidden"
    message = _("This invitation was sent to another e-mail address: sign out first, then open the link again.")


def normalise_email(email) -> str:
    return (email or "").strip().lower()


# --- E-mail -------------------------------------------------------------------------------------

# The mail task, found by its name in Celery's registry (filled from accounts/tasks.py by the
# app's autodiscovery) rather than imported: tasks.py imports this module (the token sweep),
# and a task calls a service, never the other way round at import time.
SEND_EMAIL = "accounts.tasks.send_email"


def _enqueue(subject, body, recipients):
    # Looked up outside the try: a missing task is a bug to see, not a mail server that is down.
    task = current_app.tasks[SEND_EMAIL]
    try:
        task.delay(subject, body, recipients)
    except Exception as exc:  # broker or SMTP down: the write stands, the sender can resend
        log.warning("mail to %s recipient(s) not sent: %s", len(recipients), exc)


def send_mail_after_commit(*, subject, body, recipients) -> None:
    """Queue one plain-text e-mail for delivery once the current transaction commits."""
    subject = " ".join(subject.split())
    recipients = list(recipients)
    transaction.on_commit(lambda: _enqueue(subject, body, recipients))


def _send_invitation(invitation, *, base_url, language):
    link = base_url.rstrip("/") + reverse("invitation-accept", args=[invitation.token])
    with translation.override(language or "th"):
        context = {
            "invitation": invitation, "organisation": invitation.organisation,
            "inviter": invitation.invited_by, "link": link,
        }
        subject = render_to_string("accounts/email/invitation_subject.txt", context)
        body = render_to_string("accounts/email/invitation_body.txt", context)
    send_mail_after_commit(subject=subject, body=body, recipients=[invitation.email])


def _fresh_expiry():
    return Invitation._meta.get_field("expires_at").get_default()


# --- Invitations --------------------------------------------------------------------------------

def invite_colleague(*, organisation, email, invited_by, base_url, language=None):
    """Invite someone by e-mail; an open invitation to the same address is resent, not duplicated.

    Returns ``(invitation, resent)``. Raises AlreadyMember.
    """
    email = normalise_email(email)
    with transaction.atomic():
        # One invitation at a time per organisation: two clicks cannot make two rows.
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        if selectors.is_member(email=email, organisation=organisation):
            raise AlreadyMember()
        invitation = (
            selectors.open_invitations().select_for_update()
            .filter(organisation=organisation, email__iexact=email).order_by("-created_at").first()
        )
        resent = invitation is not None
        if resent:
            invitation.expires_at = _fresh_expiry()
            invitation.invited_by = invited_by
            invitation.save(update_fields=["expires_at", "invited_by"])
        else:
            invitation = Invitation.objects.create(organisation=organisation, email=email, invited_by=invited_by)
        invitation.organisation = organisation
        _send_invitation(invitation, base_url=base_url, language=language)
    return invitation, resent


def cancel_invitation(*, invitation, by) -> Invitation:
    """Close a pending invitation at once; the row stays, so the link explains itself."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_open:
            raise InvitationClosed("used" if locked.accepted_at else "expired")
        locked.expires_at = timezone.now()
        locked.save(update_fields=["expires_at"])
    log.info("invitation %s cancelled by user %s", locked.pk, by.pk)
    return locked


def _lock_open(token) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(token=token)
    if invitation.accepted_at is not None:
        raise InvitationClosed("used")
    if not invitation.is_open:
        raise InvitationClosed("expired")
    return invitation


def _mark_accepted(invitation, user):
    # Conditional update: even where row locks are not real (SQLite), one acceptance wins.
    won = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
        accepted_at=timezone.now(), accepted_by=user
    )
    if won != 1:
        raise InvitationClosed("used")


def accept_as_new_user(*, token, first_name, last_name, position, phone, password, language="th") -> User:
    """Create the invited person's account (username = the invited e-mail) and make them a member.

    ``password`` None: the person signs in through a state digital ID provider (identity/), and
    has no password until they set one through the reset link."""
    with transaction.atomic():
        invitation = _lock_open(token)
        email = normalise_email(invitation.email)
        if selectors.account_exists(email):
            raise AccountExists()
        user = User(
            username=email, email=email, first_name=first_name.strip(), last_name=last_name.strip(),
            position=position.strip(), phone=phone.strip(), preferred_language=language or "th",
        )
        if password is None:
            user.set_unusable_password()
        else:
            user.set_password(password)
        user.save()
        Membership.objects.create(user=user, organisation_id=invitation.organisation_id)
        _mark_accepted(invitation, user)
    return user


def accept_as_signed_in_user(*, token, user) -> Membership:
    """The signed-in person the invitation was sent to joins the organisation."""
    with transaction.atomic():
        invitation = _lock_open(token)
        if not invitation_matches(user, invitation):
            raise WrongAccount()
        membership, _created = Membership.objects.get_or_create(
            user=user, organisation_id=invitation.organisation_id
        )
        _mark_accepted(invitation, user)
    return membership


# --- Organisations (Smart City Office) -------------------------------------------------------------

def create_organisation(*, name_th, name_en, kind, province, first_user_email, by, base_url, language=None):
    """A new proponent organisation and the invitation of its first user (who sets their own password)."""
    with transaction.atomic():
        organisation = Organisation.objects.create(
            name_th=name_th.strip(), name_en=(name_en or "").strip(), kind=kind, province=province
        )
        invitation = Invitation.objects.create(
            organisation=organisation, email=normalise_email(first_user_email), invited_by=by
        )
        _send_invitation(invitation, base_url=base_url, language=language)
    return organisation, invitation


# --- Sign-in --------------------------------------------------------------------------------------

def unlock_sign_in(*, username) -> int:
    """Lift the account's sign-in locks: whoever just proved they own the mailbox may sign in again."""
    return signin.account_unlock(username=username)


# --- API tokens -----------------------------------------------------------------------------------

def api_token_issue(*, user, name="") -> tuple[ApiToken, str]:
    """A new token for one device or script; returns the row and the key, which is shown only now.

    Past API_TOKENS_PER_USER live tokens the owner's oldest are revoked, so a script that asks
    for a token on every run does not pile them up.
    """
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()  # one issue at a time per user
        token, key = ApiToken.objects.create(user=user, name=(name or "").strip()[:100])
        keep = selectors.my_api_tokens(user).values_list("pk", flat=True)[: settings.API_TOKENS_PER_USER]
        ApiToken.objects.filter(user=user).exclude(pk__in=list(keep)).delete()
    return token, key


def api_token_revoke(*, token) -> None:
    """End one token at once (its owner's page; the owner was checked by the selector)."""
    ApiToken.objects.filter(pk=token.pk).delete()
    log.info("API token %s of user %s revoked", token.pk, token.user_id)


def api_tokens_revoke_all(*, user) -> int:
    """End every token of the user (signing out every device and script)."""
    count, _by_model = ApiToken.objects.filter(user=user).delete()
    return count


def api_tokens_sweep() -> int:
    """Delete the tokens that have expired (knox deletes a user's own when they next call)."""
    count, _by_model = ApiToken.objects.filter(expiry__lte=timezone.now()).delete()
    return count
