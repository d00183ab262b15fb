"""Who a verified ID token is: the account linked to its subject before, or found now by a
verified claim, or nobody.

Never by a claim the provider did not verify: an e-mail address with ``email_verified`` other
than true matches nothing (anyone may type any address into an account at some provider). The
order:

1. the subject linked before at this provider (its e-mail may have changed since);
2. an account whose e-mail address is the verified one: linked now;
3. an open invitation to the verified address: the account is made (no password: the person
   signs in through the provider; a password can be set later through the reset link), the
   person joins the organisation, and the subject is linked;
4. otherwise nobody: no account is made (identity/views.py explains how to be invited).
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from accounts import selectors as account_selectors
from accounts import services as account_services
from accounts.models import User

from .models import LinkedIdentity


@dataclass(frozen=True)
class Outcome:
    user: User | None
    # linked | email | invitation, or why nobody: unknown | unverified | inactive | ambiguous | taken
    how: str


def _verified_email(claims) -> str:
    email = account_services.normalise_email(claims.get("email"))
    return email if email and claims.get("email_verified") in (True, "true") else ""


def person_for(provider, claims, *, language="th") -> Outcome:
    subject = claims["sub"]
    link = (LinkedIdentity.objects.select_related("user")
            .filter(provider=provider.slug, subject=subject).first())
    if link is not None:
        return Outcome(link.user, "linked") if link.user.is_active else Outcome(None, "inactive")
    email = _verified_email(claims)
    if not email:
        return Outcome(None, "unverified" if claims.get("email") else "unknown")
    try:
        with transaction.atomic():
            return _first_sign_in(provider, subject, email, claims, language)
    except IntegrityError:
        # The same person's two first sign-ins at once: the other one linked; this one is refused
        # (the next attempt finds the link).
        return Outcome(None, "taken")


def _first_sign_in(provider, subject, email, claims, language) -> Outcome:
    users = list(User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).order_by("pk")[:2])
    if len(users) > 1:
        return Outcome(None, "ambiguous")  # two accounts share the address: the Office links by hand
    if users:
        user = users[0]
        if not user.is_active:
            return Outcome(None, "inactive")
        if LinkedIdentity.objects.filter(provider=provider.slug, user=user).exists():
            return Outcome(None, "taken")  # linked to another subject at this provider already
        LinkedIdentity.objects.create(user=user, provider=provider.slug, subject=subject, linked_by="email")
        return Outcome(user, "email")
    invitation = (account_selectors.open_invitations().filter(email__iexact=email)
                  .order_by("-created_at").first())
    if invitation is None:
        return Outcome(None, "unknown")
    try:
        user = account_services.accept_as_new_user(
            token=invitation.token, first_name=str(claims.get("given_name") or "")[:150],
            last_name=str(claims.get("family_name") or "")[:150], position="", phone="", password=None,
            language=language,
        )
    except account_services.AccountError:
        return Outcome(None, "taken")  # accepted or an account made a moment ago: the next attempt links
    LinkedIdentity.objects.create(user=user, provider=provider.slug, subject=subject, linked_by="invitation")
    return Outcome(user, "invitation")


def signed_in(*, user, provider) -> None:
    LinkedIdentity.objects.filter(user=user, provider=provider.slug).update(last_sign_in_at=timezone.now())
