import math

from django.utils.translation import ngettext
from rest_framework.exceptions import Throttled
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import DomainError


def exception_handler(exc, context):
    """The API's face of a refused domain action, and of the throttle in the reader's language."""
    if isinstance(exc, DomainError):
        return Response(exc.as_dict(), status=exc.status_of())
    response = drf_exception_handler(exc, context)
    if isinstance(exc, Throttled) and response is not None:
        # DRF's own words have no Thai; a reader who is turned away is told when to come back.
        wait = math.ceil(exc.wait or 1)
        response.data = {"detail": ngettext(
            "Too many requests from your address. Try again in %(wait)d second.",
            "Too many requests from your address. Try again in %(wait)d seconds.", wait,
        ) % {"wait": wait}}
    return response
