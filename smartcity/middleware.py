from django.contrib import messages
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from applications.workflow import TransitionError


class WorkflowErrorMiddleware:
    """A refused move raised in any page becomes a message, never a 500.

    htmx requests get the message back as a 409 fragment to swap in; ordinary
    form posts go back to the page they came from with the message shown.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, TransitionError):
            return None
        if getattr(request, "htmx", False):
            from django.utils.html import format_html

            return HttpResponse(
                format_html('<div class="alert alert-error" role="alert">{}</div>', exception.message),
                status=409,
            )
        messages.error(request, exception.message)
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
            back = "/"
        return redirect(back)


class ThaiFirstLocaleMiddleware(LocaleMiddleware):
    """Pages are Thai unless the visitor chose English with the switch (cookie).

    Many officers' computers run an English-language system, whose browser asks
    for English first; the portal is Thai-first all the same. API clients still
    negotiate with Accept-Language, as HTTP clients expect.
    """

    def process_request(self, request):
        if not request.path_info.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)
