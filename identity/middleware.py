"""The Office's sign-in rule for the people who decide (identity/policy.py), held on every request.

A person who decides, signed in with a password where the rule asks for a provider, is signed out
and sent to the sign-in page with a message (a session made before the rule changed too); the API
answers 403. Where the rule lets the provider's sign-in stand for the authenticator app's code, the
session is marked so (``second_factor_vouched``, read by accounts/second_factor.py). Installed after
django-otp's and the messages middleware, before accounts.middleware.SecondFactorMiddleware.
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.permissions import decides
from core.access import is_signed_in

from . import policy, providers

OPEN = frozenset({
    "login", "logout", "admin:logout", "set_language", "health-live", "health-ready", "metrics",
    "oidc-start", "oidc-callback",
})


class SignInRuleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        # No provider configured: no rule to hold, and no query spent on it.
        if not is_signed_in(user) or not providers.configured() or not decides(user):
            return None
        if policy.provider_vouches(request):
            user.second_factor_vouched = True
            return None
        match = request.resolver_match
        if policy.signed_in_through(request) or not policy.provider_required():
            return None
        if match is None or match.view_name in OPEN:
            return None
        message = _("Your role decides on proposals: sign in with ThaiD or DGA Digital ID, "
                    "not with a password.")
        logout(request)
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": message, "code": "provider_sign_in_required"}, status=403)
        messages.warning(request, message)
        target = reverse("login")
        if request.method in ("GET", "HEAD"):
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)
