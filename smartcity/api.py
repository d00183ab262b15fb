import math

from django.utils.translation import ngettext
from rest_framework import status
from rest_framework.exceptions import Throttled
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from applications.workflow import TransitionError

_STATUS = {"forbidden": status.HTTP_403_FORBIDDEN, "not_allowed": status.HTTP_409_CONFLICT,
           "guard": status.HTTP_409_CONFLICT}


def exception_handler(exc, context):
    """The API's face of the workflow's one domain error, and of the throttle in the reader's language."""
    if isinstance(exc, TransitionError):
        body = {"detail": exc.message, "code": exc.code}
        if exc.field:
            body["field"] = exc.field
        if exc.problems:
            body["problems"] = exc.problems
        return Response(body, status=_STATUS.get(exc.code, status.HTTP_400_BAD_REQUEST))
    response = drf_exception_handler(exc, context)
    if isinstance(exc, Throttled) and response is not None:
        # DRF's own words have no Thai; a reader who is turned away is told when to come back.
        wait = math.ceil(exc.wait or 1)
        response.data = {"detail": ngettext(
            "Too many requests from your address. Try again in %(wait)d second.",
            "Too many requests from your address. Try again in %(wait)d seconds.", wait,
        ) % {"wait": wait}}
    return response
