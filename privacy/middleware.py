"""Until a signed-in person has accepted the privacy notice in force, they reach only the public pages.

Shown at the first sign-in and again at each new version (PDPA, issue 20): every other page sends
the person to the notice, coming back to the page asked for once they accept; the API answers 403
with a message. A person who refuses keeps the public pages (the register, open data, the notice
itself) and nothing else, until they accept. With no notice published (a fresh database, the test
suite) nobody is asked anything.

The answer is remembered in the session, so a person who accepted costs no query per page; the
version in force is cached for a minute (privacy/selectors.py). Installed after the second factor's
middleware: a session that still owes its code passes that first.
"""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.access import is_signed_in

from . import selectors

SESSION_KEY = "privacy_notice_accepted"

# By view name: what anybody may read without signing in, and what a session needs to get to the
# notice or leave (signing out, the language, the second factor's pages).
PUBLIC = frozenset({
    "home", "city-list", "city-detail", "map", "export-csv", "export-json", "export-geojson", "feed", "sitemap",
    "certificate-pdf", "set_language", "health-live", "health-ready", "metrics",
    "login", "logout", "admin:logout", "password_reset", "password_reset_done", "password_reset_confirm",
    "password_reset_complete", "second-factor-verify", "second-factor-enrol",
    "api-schema", "api-docs", "v1-docs", "api-root", "v1-city-list", "v1-city-detail", "v1-province-list",
    "v1-province-detail", "v1-dimension-list", "v1-dimension-detail",
    "privacy-notice", "privacy-answer",
})
PUBLIC_PREFIXES = ("opendata-",)


def is_public(view_name: str) -> bool:
    return view_name in PUBLIC or view_name.startswith(PUBLIC_PREFIXES)


def has_accepted(request, version) -> bool:
    if request.session.get(SESSION_KEY) == version:
        return True
    if selectors.answer_to(request.user, version):
        request.session[SESSION_KEY] = version
        return True
    return False


def remember_accepted(request, version) -> None:
    request.session[SESSION_KEY] = version


class PrivacyNoticeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or is_public(match.view_name) or not is_signed_in(getattr(request, "user", None)):
            return None
        version = selectors.current_version()
        if not version or has_accepted(request, version):
            return None
        if request.path_info.startswith("/api/"):
            detail = _("Read and accept the portal's privacy notice first: open the portal in a browser.")
            return JsonResponse({"detail": detail, "code": "privacy_notice"}, status=403)
        target = reverse("privacy-notice")
        if request.method in ("GET", "HEAD"):
            target += "?" + urlencode({"next": request.get_full_path()})
        if request.headers.get("HX-Request") == "true":
            return HttpResponse(status=204, headers={"HX-Redirect": target})
        return redirect(target)
