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


IDLE_TOUCH_KEY = "_idle_touch"


def session_touch_interval():
    # Renew at most every tenth of the idle limit (at least a minute), not on
    # every request: a session write per page would cost three queries each.
    from django.conf import settings

    return max(60, settings.SESSION_COOKIE_AGE // 10)


class SessionIdleMiddleware:
    """Sessions end after SESSION_COOKIE_AGE without a request.

    Django's database sessions expire SESSION_COOKIE_AGE after their last save;
    this renews the save of a session the request already used, at most once a
    touch interval, so an active officer stays signed in and an idle one is
    signed out. (Sign-in stamps the session too, see smartcity.apps.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only a session this request already loaded: no extra query for pages that ignore it.
        if session is not None and session.accessed and not session.is_empty():
            import time

            now = int(time.time())
            if now - session.get(IDLE_TOUCH_KEY, 0) >= session_touch_interval():
                session[IDLE_TOUCH_KEY] = now
        return response
