"""Rate limits on the sign-in and password-reset forms (django-ratelimit).

Only POSTs count, per client address, in the default cache. Over the limit the
visitor gets a page in their language with status 429, not a bare 403: the
message says how long to wait and where to go next.

Besides the plain rate, failed sign-ins are counted per address
(LOGIN_FAILURES_PER_ADDRESS): django-axes locks a username+address pair after
a few failures, and this locks an address that tries many usernames. Its limit
is high because a municipal office shares one address behind NAT.
"""

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited

FAILURES = "login-failures"


def client_address(group, request):
    # The address axes locks, so both agree behind a proxy (AXES_IPWARE_* settings);
    # a request without one (an in-process WSGI client) is counted as "unknown".
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or "unknown"


def _refused(request, window):
    response = render(request, "rate_limited.html", {"window": window}, status=429)
    response["Retry-After"] = "60" if window == "minute" else "3600"
    return response


def limited(group, rate_setting):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                if is_ratelimited(request, group=group, key=client_address, rate=getattr(settings, rate_setting),
                                  method="POST", increment=True):
                    return _refused(request, "minute")
                if group == "login" and address_failed_too_often(request):
                    return _refused(request, "hour")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def address_failed_too_often(request, count=False):
    return is_ratelimited(request, group=FAILURES, key=client_address, rate=settings.LOGIN_FAILURES_PER_ADDRESS,
                          method=ALL, increment=count)


def count_failure(sender, credentials, request=None, **kwargs):
    """user_login_failed: one more failure for the request's address."""
    if request is not None:
        address_failed_too_often(request, count=True)
