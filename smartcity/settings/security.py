"""Security: sign-in (lockout, rate limits, password hashing, sessions), headers and cookies,
the TLS proxy, the Content Security Policy, the metrics token and the second factor.

Production defaults are the safe ones; each can be turned off by environment
(SECURE_COOKIES=false, SECURE_SSL_REDIRECT=false, SECURE_HSTS_SECONDS=0) to
try a non-DEBUG build over plain http. DEBUG (`make run`) turns them all off.
"""

from .environment import _PROD, TESTING, _int, _secret, _strict_bool, env

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Login lockout (django-axes): five failures lock the username+IP pair for an hour.
AXES_FAILURE_LIMIT = _int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = 1  # hours
# The pair, not the address alone: a municipal office shares one address behind
# NAT, and one officer's typos must not lock out colleagues; a password reset
# lifts the lock. Guessing from one address across many usernames is stopped by
# the per-address rate limit on the sign-in form (RATELIMIT_LOGIN, below).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = _strict_bool("AXES_ENABLED", default=True)
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
else:
    # Argon2 for new and changed passwords; older hashes still verify and are
    # upgraded at the next sign-in.
    PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
        "django.contrib.auth.hashers.ScryptPasswordHasher",
    ]

# Sessions end after this many minutes without a request: SessionIdleMiddleware
# renews an active session (at most every tenth of this), so saving on every
# request (SESSION_SAVE_EVERY_REQUEST, three queries a page) is not needed.
SESSION_COOKIE_AGE = _int("SESSION_IDLE_MINUTES", 60, minimum=1) * 60

# --- Headers and cookies ------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-less header tag instead
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = _strict_bool("SECURE_COOKIES", default=_PROD)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = _strict_bool("SECURE_SSL_REDIRECT", default=_PROD)
# Probes and the metrics scraper talk plain http inside the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz/", r"^metrics$"]
SECURE_HSTS_SECONDS = _int("SECURE_HSTS_SECONDS", 31536000 if _PROD else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _strict_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=_PROD)
# Preload is what `check --deploy` asks for; a .go.th domain served over HTTPS only qualifies.
SECURE_HSTS_PRELOAD = _strict_bool("SECURE_HSTS_PRELOAD", default=_PROD)
# Behind a TLS-terminating proxy (nginx, a load balancer) that sets X-Forwarded-Proto.
BEHIND_TLS_PROXY = _strict_bool("BEHIND_TLS_PROXY", default=False)
# The proxy's addresses or networks (comma-separated): X-Forwarded-* from anyone else is
# dropped (smartcity.middleware) and ignored by gunicorn (gunicorn.conf.py reads the same).
FORWARDED_ALLOW_IPS = env.list("FORWARDED_ALLOW_IPS", default=["127.0.0.1", "::1"])
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The client's address is the one the proxy adds to X-Forwarded-For (axes and
    # the rate limits read it the same way); without a proxy, REMOTE_ADDR only,
    # so a client cannot pick its own address with a forged header.
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    AXES_IPWARE_PROXY_COUNT = _int("TRUSTED_PROXY_COUNT", 1, minimum=1)
# The API's anonymous throttle reads the address the same way (api.py: NUM_PROXIES).
_PROXY_COUNT = AXES_IPWARE_PROXY_COUNT if BEHIND_TLS_PROXY else 0

# Content Security Policy (django-csp 4): scripts and styles only from our own
# static files. No inline script or style anywhere (templates load static JS,
# the API docs use drf-spectacular's split view that serves its init script).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- Sign-in doors (issue 17) ----------------------------------------------------------------
# Rate limits on the sign-in and password-reset forms (django-ratelimit), per
# address; counted in the default cache, which must be shared by all web
# processes in production (CACHE_URL=redis://...). The suite posts these forms
# hundreds of times from one address, so tests raise the rates (as for the API).
RATELIMIT_LOGIN = env.str("RATELIMIT_LOGIN", default="100000/m" if TESTING else "20/m")
RATELIMIT_PASSWORD_RESET = env.str("RATELIMIT_PASSWORD_RESET", default="100000/m" if TESTING else "5/m")
# Failed sign-ins per address before the address is locked out (until the hour
# is over): axes locks each username+address pair after AXES_FAILURE_LIMIT; this
# stops one address trying many usernames, high enough for an office behind NAT.
LOGIN_FAILURES_PER_ADDRESS = env.str("LOGIN_FAILURES_PER_ADDRESS", default="100000/h" if TESTING else "30/h")
RATELIMIT_ENABLE = _strict_bool("RATELIMIT_ENABLE", default=True)
# One sign-in policy for every door (accounts/signin.py): the sign-in page, the admin's, the API's
# token endpoint, the password reset and invitations share the limits above (RATELIMIT_LOGIN,
# LOGIN_FAILURES_PER_ADDRESS, axes' pair lock) and these two:
# failed sign-ins on one account from any addresses before it is locked for the hour (a guess
# spread over many addresses; a password reset lifts it)...
LOGIN_FAILURES_PER_ACCOUNT = env.str("LOGIN_FAILURES_PER_ACCOUNT", default="100000/h" if TESTING else "20/h")
# ...and reset links sent to one e-mail address in an hour, from any addresses.
PASSWORD_RESETS_PER_ACCOUNT = env.str("PASSWORD_RESETS_PER_ACCOUNT", default="100000/h" if TESTING else "5/h")

# Prometheus metrics at /metrics: open under DEBUG; otherwise only with
# "Authorization: Bearer $METRICS_TOKEN" (404 when no token is set).
METRICS_TOKEN = _secret("METRICS_TOKEN", default="")

# --- A second factor for the people who decide (issue 17) ------------------------------------
# Office staff, admin users, evaluators and members of the bodies (chairs and secretaries too)
# sign in with a password and then a code from an authenticator app (TOTP), or one of ten
# recovery codes (django-otp, installed in base.py); accounts/second_factor.py says who and how.
# On by default in production, off under DEBUG and in tests (the tests that check it turn it on).
OTP_REQUIRED_FOR_DECIDERS = _strict_bool("OTP_REQUIRED_FOR_DECIDERS", default=_PROD)
# The name the authenticator app shows beside the code (e.g. "Smart City Thailand (staging)").
OTP_TOTP_ISSUER = env.str("OTP_ISSUER", default="Smart City Thailand")
