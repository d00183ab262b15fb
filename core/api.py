"""The REST API's one exception handler: every refused domain action answers the same way.

A :class:`~core.errors.DomainError` (whatever its family: a refused move, vote, score,
invitation) becomes ``{"detail", "code", "field"?, "problems"?}`` with the status its code
maps to; the message is already in the reader's language (the service translated it under
the request's language). Views therefore need not catch domain errors to answer them.
"""

import math

from django.utils.translation import ngettext
from rest_framework.exceptions import Throttled
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import DomainError


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return Response(exc.as_dict(), status=exc.status_of())
    response = drf_exception_handler(exc, context)
    if isinstance(exc, Throttled) and response is not None:
        # DRF's own words have no Thai; a reader who is turned away is told when to come back.
        wait = math.ceil(exc.wait or 1)
        request = context.get("request")
        if getattr(request, "throttled_scope", None) == "user":
            # A signed-in caller is counted per account, whatever address or token it comes from.
            text = ngettext(
                "Too many requests from your account. Try again in %(wait)d second.",
                "Too many requests from your account. Try again in %(wait)d seconds.", wait,
            )
        else:
            text = ngettext(
                "Too many requests from your address. Try again in %(wait)d second.",
                "Too many requests from your address. Try again in %(wait)d seconds.", wait,
            )
        response.data = {"detail": text % {"wait": wait}}
    return response
