"""Until the second factor is passed, a person who decides reaches only the pages that pass it.

After the password, a session of Office staff, an admin user, an evaluator or a member of a
body is signed in but not verified (accounts/second_factor.py). Every other page sends it to
the verification page (which sends a person with no authenticator yet to enrolment), coming
back to the page asked for once the code is given; the API answers 403 with a message, as a
script cannot type a code into a page. Installed after django-otp's OTPMiddleware (which sets
``user.is_verified``) and the messages middleware.
"""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .second_factor import pending

# By view name: the pages that pass the factor, signing out (here and in the admin), the
# language switch, and the probes.
OPEN = frozenset({
    "second-factor-verify", "second-factor-enrol", "logout", "admin:logout", "set_language",
    "health-live", "health-ready", "metrics",
})


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # process_view: the resolved view's name is known here, a path prefix would be guesswork.
        match = request.resolver_match
        if match is None or match.view_name in OPEN or not pending(request.user):
            return None
        if request.path_info.startswith("/api/"):
            detail = _("Sign in with your second factor first: open the portal in a browser and type the code "
                       "from your authenticator app.")
            return JsonResponse({"detail": detail, "code": "second_factor_required"}, status=403)
        target = reverse("second-factor-verify")
        if request.method in ("GET", "HEAD"):  # a form's address is not a page to come back to
            target += "?" + urlencode({"next": request.get_full_path()})
        if request.headers.get("HX-Request") == "true":
            # htmx would swap the verification page into a fragment: send the whole page there.
            return HttpResponse(status=204, headers={"HX-Redirect": target})
        return redirect(target)
