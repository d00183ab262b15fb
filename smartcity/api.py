from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from applications.workflow import TransitionError

_STATUS = {"forbidden": status.HTTP_403_FORBIDDEN, "not_allowed": status.HTTP_409_CONFLICT,
           "guard": status.HTTP_409_CONFLICT}


def exception_handler(exc, context):
    """The API's face of the workflow's one domain error."""
    if isinstance(exc, TransitionError):
        body = {"detail": exc.message, "code": exc.code}
        if exc.field:
            body["field"] = exc.field
        if exc.problems:
            body["problems"] = exc.problems
        return Response(body, status=_STATUS.get(exc.code, status.HTTP_400_BAD_REQUEST))
    return drf_exception_handler(exc, context)
