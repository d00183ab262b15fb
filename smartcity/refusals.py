"""A bridge, until ``applications.workflow.TransitionError`` subclasses ``core.errors.DomainError``
(issue 13, the workflow part): a refused move is answered as the DomainError it will be.

When it does, revert the commit that added this module: settings then name
``core.api.exception_handler`` and ``core.middleware.DomainErrorMiddleware`` directly.
"""

from applications.workflow import TransitionError
from core import api, middleware
from core.errors import DomainError


def _as_domain_error(exc):
    if isinstance(exc, TransitionError) and not isinstance(exc, DomainError):
        return DomainError(exc.message, code=exc.code, field=exc.field, problems=exc.problems)
    return exc


def exception_handler(exc, context):
    return api.exception_handler(_as_domain_error(exc), context)


class DomainErrorMiddleware(middleware.DomainErrorMiddleware):
    def process_exception(self, request, exception):
        return super().process_exception(request, _as_domain_error(exception))
