"""Sign-in with the state's digital identity: ThaiD and DGA Digital ID (issue 20).

OpenID Connect, authorization code with PKCE (identity/). A provider's button shows on the sign-in
page once its issuer, client id and secret are all set. Register the portal with the provider with
the redirect URL {PORTAL address}/accounts/oidc/<thaid|dga>/callback/ (README: "Sign-in with ThaiD").
"""

from django.core.exceptions import ImproperlyConfigured

from .base import INSTALLED_APPS, MIDDLEWARE
from .environment import _int, _secret, env

OIDC_PROVIDERS = {
    "thaid": {
        "label": env.str("OIDC_THAID_LABEL", default="ThaiD"),
        "issuer": env.str("OIDC_THAID_ISSUER", default=""),
        "client_id": env.str("OIDC_THAID_CLIENT_ID", default=""),
        "client_secret": _secret("OIDC_THAID_CLIENT_SECRET", default=""),
        "scopes": env.str("OIDC_THAID_SCOPES", default="openid profile email"),
    },
    "dga": {
        "label": env.str("OIDC_DGA_LABEL", default="DGA Digital ID"),
        "issuer": env.str("OIDC_DGA_ISSUER", default=""),
        "client_id": env.str("OIDC_DGA_CLIENT_ID", default=""),
        "client_secret": _secret("OIDC_DGA_CLIENT_SECRET", default=""),
        "scopes": env.str("OIDC_DGA_SCOPES", default="openid profile email"),
    },
}
# Seconds to wait for a provider (discovery, keys, token): past that the person gets a page saying
# so, with the way back to the password sign-in.
OIDC_TIMEOUT = _int("OIDC_TIMEOUT", 10, minimum=1)
# Until the Office sets it in the admin (identity.SignInRule): may the people who decide sign in
# with a password ("password"), or only through a provider ("oidc": the provider's sign-in stands
# for the authenticator app's code) or through a provider and then the app's code ("oidc+totp")?
OIDC_REQUIRED_FOR_DECIDERS = env.str("OIDC_REQUIRED_FOR_DECIDERS", default="password")
if OIDC_REQUIRED_FOR_DECIDERS not in ("password", "oidc", "oidc+totp"):
    raise ImproperlyConfigured(
        f"OIDC_REQUIRED_FOR_DECIDERS={OIDC_REQUIRED_FOR_DECIDERS!r}: use password, oidc or oidc+totp"
    )
INSTALLED_APPS.append("identity")
# After django-otp's and the messages middleware, before the second factor's: a person who decides,
# signed in with a password where the rule asks for a provider, is signed out with a message.
MIDDLEWARE.insert(MIDDLEWARE.index("accounts.middleware.SecondFactorMiddleware"),
                  "identity.middleware.SignInRuleMiddleware")
