"""One sign-in policy for every door that takes a password or a secret link.

The doors: the sign-in page, the admin's sign-in, the API's token endpoint (each checks a
password), the second factor's code after the password (the verification page, the token
endpoint's ``otp``), the password reset (asking for a link, setting the new password),
accepting an invitation, and the way back from a state digital ID provider (ThaiD, DGA Digital
ID: identity/views.py; a refused ID token counts as a failure of the address, and an account
locked here is refused there too, through :func:`account_refusal`). Each asks :func:`refusal`
before it looks at what was sent, and every failed password or code at any door is counted
by :func:`failure_record` (Django's ``user_login_failed``; :func:`code_failure` sends it for
a wrong code), so a lockout earned at one door holds at all of them:

- ``busy``: too many posts a minute from one address (``RATELIMIT_LOGIN``, shared by the
  doors that check a password or an invitation; the reset forms count apart under
  ``RATELIMIT_PASSWORD_RESET``, as they send e-mail): one minute;
- ``address``: too many failed sign-ins from one address (``LOGIN_FAILURES_PER_ADDRESS``,
  every door's failures together; high, as a municipal office shares one address behind
  NAT): until the window is over;
- ``account``: django-axes' lock of the username+address pair (``AXES_FAILURE_LIMIT``), or
  too many failures on one account from any addresses (``LOGIN_FAILURES_PER_ACCOUNT``, a
  guess spread over many addresses): until the hour is over, or a password reset;
- ``resets``: too many reset links asked for one e-mail address in an hour
  (``PASSWORD_RESETS_PER_ACCOUNT``), so nobody's mailbox is flooded from many addresses.

The reset doors skip the account check: a new password set from the e-mailed link is the
way out of an account's lock, and :func:`account_unlock` lifts it. Nothing lifts an
address's lock but time: an attacker could otherwise reset their own account's password
to go on guessing other people's.

Counts live in the default cache (Redis in production, shared by every web process).
"""

import hashlib
import re
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
HOUR = 3600


@dataclass(frozen=True)
class Door:
    group: str  # the per-minute counter this door shares
    rate_setting: str
    account_field: str | None  # the posted field naming the account, if any
    checks_account: bool  # refuse while the account is locked
    every_method: bool = False  # a secret link is guessed with GET too


SIGN_IN = Door("login", "RATELIMIT_LOGIN", "username", checks_account=True)
RESET_REQUEST = Door("password-reset", "RATELIMIT_PASSWORD_RESET", "email", checks_account=False)
# Setting the new password sends no e-mail: it shares the sign-in doors' minute.
RESET_CONFIRM = Door("login", "RATELIMIT_LOGIN", None, checks_account=False, every_method=True)
INVITATION = Door("login", "RATELIMIT_LOGIN", None, checks_account=False, every_method=True)
# The second factor's code: the account is the session's (signed in with its password), so the
# view names it; a locked account is refused here too, as at the password doors.
SECOND_FACTOR = Door("login", "RATELIMIT_LOGIN", None, checks_account=True)
# The way back from a provider (a GET carrying the code): the account is known only once the ID
# token is verified, so the view asks :func:`account_refusal` then.
PROVIDER = Door("login", "RATELIMIT_LOGIN", None, checks_account=True, every_method=True)


@dataclass(frozen=True)
class Refusal:
    reason: str  # "busy", "address", "account" or "resets"
    retry_after: int  # seconds
    everywhere: bool = False  # an account locked from every address, not only this one


MESSAGES = {
    "busy": _("Too many sign-in attempts from your address in a short time. Try again in a minute."),
    "address": _("Too many failed sign-ins from your address: signing in from it is paused for an hour."),
    # The same words as the sign-in page's lockout (and their Thai translation).
    "account": _("Too many failed sign-in attempts: signing in is locked for one hour. "
                 "Reset your password to unlock it now."),
    "resets": _("Several reset links were sent to this e-mail address in the last hour. "
                "Check your mailbox, or try again later."),
}
CODES = {"busy": "rate_limited", "address": "address_locked", "account": "locked_out", "resets": "rate_limited"}


def client_address(group, request):
    # The address axes locks, so both agree behind a proxy (AXES_IPWARE_* settings);
    # a request without one (an in-process WSGI client) is counted as "unknown".
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or "unknown"


def parse_rate(rate):
    """'30/h' or '5/10m' -> (30, 3600) or (5, 600), as django-ratelimit writes rates."""
    count, _slash, period = (rate or "").partition("/")
    match = re.fullmatch(r"(\d*)([smhd])", period.strip())
    if not count.strip().isdigit() or not match:
        raise ValueError(f"not a rate: {rate!r} (write e.g. 30/h)")
    return int(count), int(match[1] or 1) * UNITS[match[2]]


def _key(kind, value):
    # Hashed: a username may hold characters a cache key must not (memcached), and the
    # cache need not store who was guessed.
    return f"signin:{kind}:" + hashlib.sha256(str(value).strip().lower().encode()).hexdigest()[:40]


def _count(kind, value, rate):
    """One more in this window (which starts at the first count and lasts the rate's period)."""
    _limit, period = parse_rate(rate)
    key = _key(kind, value)
    cache.add(key, 0, period)
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, period)
        return 1


def _over(kind, value, rate):
    limit, _period = parse_rate(rate)
    return (cache.get(_key(kind, value)) or 0) > limit


def _enabled():
    return getattr(settings, "RATELIMIT_ENABLE", True)


def _axes_locked(request, username):
    if not getattr(settings, "AXES_ENABLED", True):
        return False
    from axes.handlers.proxy import AxesProxyHandler

    return AxesProxyHandler.is_locked(request, credentials={"username": username})


def refusal(request, *, door, username=None):
    """Why this attempt at ``door`` is refused, or None. Counts the attempt toward the minute's rate.

    ``request`` is Django's request (the API passes its ``_request``); ``username`` the
    account named in the attempt, if any.
    """
    if not _enabled():
        return None
    rate = getattr(settings, door.rate_setting)
    method = ALL if door.every_method else "POST"
    if is_ratelimited(request, group=door.group, key=client_address, rate=rate, method=method, increment=True):
        return Refusal("busy", 60)
    if _over("address", client_address(None, request), settings.LOGIN_FAILURES_PER_ADDRESS):
        return Refusal("address", parse_rate(settings.LOGIN_FAILURES_PER_ADDRESS)[1])
    username = (username or "").strip() if isinstance(username, str) else ""
    if not username:
        return None
    if door is RESET_REQUEST:
        limit, period = parse_rate(settings.PASSWORD_RESETS_PER_ACCOUNT)
        if _count("resets", username, settings.PASSWORD_RESETS_PER_ACCOUNT) > limit:
            return Refusal("resets", period)
        return None
    if door.checks_account:
        return _account_locked(request, username)
    return None


def _account_locked(request, username):
    if _over("account", username, settings.LOGIN_FAILURES_PER_ACCOUNT):
        return Refusal("account", parse_rate(settings.LOGIN_FAILURES_PER_ACCOUNT)[1], everywhere=True)
    if _axes_locked(request, username):
        return Refusal("account", HOUR)  # AXES_COOLOFF_TIME
    return None


def account_refusal(request, *, username):
    """Why the account ``username`` may not sign in now (locked at any door), or None.

    For a door that learns the account after its first check (a provider's ID token): the
    attempt was counted toward the minute's rate by :func:`refusal` already.
    """
    if not _enabled() or not username:
        return None
    return _account_locked(request, username)


def address_failure(request):
    """A failure that names no account (a wrong invitation or reset link): counted for the address."""
    if _enabled() and request is not None:
        _count("address", client_address(None, request), settings.LOGIN_FAILURES_PER_ADDRESS)


def failure_record(sender, credentials, request=None, **kwargs):
    """user_login_failed, from any door: one more failure for the address and for the account."""
    if not _enabled():
        return
    address_failure(request)
    username = (credentials or {}).get("username")
    if isinstance(username, str) and username.strip():
        _count("account", username, settings.LOGIN_FAILURES_PER_ACCOUNT)


def code_failure(request, *, username):
    """A wrong second-factor code: a failed sign-in of the account, for every counter that hears
    of failed passwords (this policy's and django-axes' pair lock), as a wrong password is."""
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)


def account_unlock(*, username) -> int:
    """Lift an account's locks (axes' pairs and the count over all addresses), after a password reset."""
    from axes.utils import reset

    cache.delete(_key("account", username))
    return reset(username=username)


# --- What a refused visitor gets ---------------------------------------------------------------------

def refusal_page(request, refused):
    """A page in the reader's language, status 429, with Retry-After."""
    if refused.reason == "account":
        context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "everywhere": refused.everywhere}
        response = render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=429)
    else:
        window = "minute" if refused.reason == "busy" else refused.reason
        response = render(request, "rate_limited.html", {"window": window}, status=429)
    response["Retry-After"] = str(refused.retry_after)
    return response


def refusal_body(refused):
    """The API's answer: ``{"detail", "code"}`` in the reader's language."""
    return {"detail": str(MESSAGES[refused.reason]), "code": CODES[refused.reason]}


def door(kind):
    """Guard a page view: refused attempts get :func:`refusal_page` and never reach the view."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if kind.every_method or request.method == "POST":
                username = request.POST.get(kind.account_field) if kind.account_field else None
                refused = refusal(request, door=kind, username=username)
                if refused is not None:
                    return refusal_page(request, refused)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
