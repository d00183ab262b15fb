"""A small OpenID Connect provider for the tests: django-oauth-toolkit with OIDC on, run as its own
process on the loopback by tests/identity/conftest.py (never imported by the portal).

It stands in for ThaiD or the DGA's Digital ID: a login page, the authorization-code flow with
PKCE, discovery, a JWKS and RS256 ID tokens. Its control page (views.py) lets a test add people
and make the next ID tokens wrong in the ways an attacker would (validator.py) or slow.
"""

import os
from pathlib import Path

SECRET_KEY = "test-provider-only"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "tests.identity.provider.urls"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oauth2_provider",
    "tests.identity.provider",
]
MIDDLEWARE = [
    "tests.identity.provider.views.ProviderMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["PROVIDER_DB"]}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
LOGIN_URL = "/accounts/login/"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The portal's session cookie is on the same host (127.0.0.1) in the browser journey: another name.
SESSION_COOKIE_NAME = "providersession"
CSRF_COOKIE_NAME = "providercsrf"

OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": Path(os.environ["PROVIDER_KEY_FILE"]).read_text(),
    "PKCE_REQUIRED": True,
    "SCOPES": {"openid": "OpenID Connect", "email": "e-mail", "profile": "name"},
    "OAUTH2_VALIDATOR_CLASS": "tests.identity.provider.validator.ForgingValidator",
    "ID_TOKEN_EXPIRE_SECONDS": 600,
}
# Errors (with their traceback) go to the provider's log file (tests/identity/conftest.py).
LOGGING = {
    "version": 1, "disable_existing_loggers": True,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
