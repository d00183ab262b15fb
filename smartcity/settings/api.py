"""The API: Django REST framework, its OpenAPI schema (drf-spectacular) and its tokens (knox)."""

from datetime import timedelta

from .environment import TESTING, _int, env
from .security import _PROXY_COUNT

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # Sessions for the pages' own calls; knox's expiring tokens (below) for devices and scripts.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        # knox's token check, and the privacy notice's: a token is no way around a refused notice.
        "privacy.api.NoticeTokenAuthentication",
    ],
    # Anonymous use is throttled per address, signed-in callers (a token or a session) per user,
    # counted in the default cache (one round trip to Redis per call, shared by every process:
    # core/throttling.py); the suite runs hundreds of calls from one address, so tests raise the rates.
    "DEFAULT_THROTTLE_CLASSES": [
        "core.throttling.SharedAnonRateThrottle", "core.throttling.SharedUserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_ANON_RATE", default="100000/min" if TESTING else "60/min"),
        "user": env.str("API_USER_RATE", default="100000/min" if TESTING else "600/min"),
    },
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    # The throttle reads the client's address as axes does (security.py): without NUM_PROXIES DRF
    # would take a client's own X-Forwarded-For, and a forged header would dodge the limit.
    "NUM_PROXIES": _PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Smart City Thailand certification portal API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The docs page loads Swagger UI from our own static files, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "StateEnum": "applications.enums.State",
        "ActionEnum": "applications.enums.Action",
        "AmendmentStateEnum": "applications.enums.AmendmentState",
    },
}

# API tokens (django-rest-knox): one per device or script, stored hashed, each expiring
# API_TOKEN_DAYS after it was issued; listed and revoked by their owner at /accounts/tokens/,
# all revoked when the password changes or staff deactivate the account. They replace DRF's
# bare tokens, which never expired (accounts migration 0003_api_tokens dropped them).
KNOX_TOKEN_MODEL = "accounts.ApiToken"
# knox's own table would stay empty beside accounts.ApiToken: its migrations are not run.
MIGRATION_MODULES = {"knox": None}
API_TOKEN_DAYS = _int("API_TOKEN_DAYS", 30, minimum=1)
# Issuing one more than this many live tokens revokes the owner's oldest.
API_TOKENS_PER_USER = _int("API_TOKENS_PER_USER", 10, minimum=1)
REST_KNOX = {
    "TOKEN_MODEL": KNOX_TOKEN_MODEL,
    "TOKEN_TTL": timedelta(days=API_TOKEN_DAYS),
    "AUTH_HEADER_PREFIX": "Token",  # what clients of DRF's tokens already send
    "AUTO_REFRESH": False,  # a token's life is fixed when it is issued
}
