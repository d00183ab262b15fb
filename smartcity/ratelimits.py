"""Rate limits on the sign-in and password-reset forms (django-ratelimit).

Only POSTs count, per client address, in the default cache. Over the limit the
visitor gets a page in their language with status 429, not a bare 403: the
message says how long to wait and where to go next.
"""

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited


def limited(group, rate_setting):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST" and is_ratelimited(
                request, group=group, key="ip", rate=getattr(settings, rate_setting), method="POST", increment=True
            ):
                response = render(request, "rate_limited.html", status=429)
                response["Retry-After"] = "60"
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
