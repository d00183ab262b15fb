"""The pages' safety net for refused domain actions.

A view that catches its own error can say more (mark the field at fault, keep the form);
one that does not still never answers a 500 for a refusal: the :class:`~core.errors.DomainError`
becomes a message in the reader's language.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme

from .errors import DomainError


class DomainErrorMiddleware:
    """htmx requests get the message back as a 409 fragment to swap in; ordinary form
    posts go back to the page they came from (or home) with the message shown."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DomainError):
            return None
        if getattr(request, "htmx", False):
            return HttpResponse(
                format_html('<div class="alert alert-error" role="alert">{}</div>', exception.message),
                status=409,
            )
        messages.error(request, exception.message)
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
            back = "/"
        return redirect(back)
