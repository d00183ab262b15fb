"""How the people who decide must sign in (identity.SignInRule, the setting until the Office sets it).

- ``password``: as before, a password (then the authenticator app's code where
  OTP_REQUIRED_FOR_DECIDERS is on); a provider's sign-in is asked for the app's code the same way.
- ``oidc``: only through a provider; the provider's sign-in stands for the app's code.
- ``oidc+totp``: only through a provider, then the app's code as well.

The rule holds only while a provider is configured: with none, nobody could sign in to change it.
"""

from django.conf import settings

from . import providers

SESSION_KEY = "identity_signin"  # the provider's slug, for a session signed in through one


def rule() -> str:
    from .models import SignInRule

    row = SignInRule.objects.order_by("pk").first()
    return row.deciders if row is not None else settings.OIDC_REQUIRED_FOR_DECIDERS


def provider_required() -> bool:
    """The people who decide must sign in through a provider (and one is configured)."""
    return bool(providers.configured()) and rule() != "password"


def signed_in_through(request):
    return request.session.get(SESSION_KEY) if hasattr(request, "session") else None


def provider_vouches(request) -> bool:
    """This session's provider sign-in stands for the authenticator app's code."""
    return bool(signed_in_through(request)) and bool(providers.configured()) and rule() == "oidc"
