"""Signing in through a state digital ID provider: the start (off to the provider) and the way back.

The way back is a sign-in door under the one policy (accounts/signin.py, ``PROVIDER``): counted
toward the address's rate; a refused ID token is a failed sign-in of the address; an account
locked at any door stays locked here. Nothing of a refused attempt is kept: no session, no account.
"""

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from accounts import signin
from core.access import is_signed_in

from . import client, policy, providers, services

log = logging.getLogger(__name__)

SIGN_IN_BACKEND = "django.contrib.auth.backends.ModelBackend"
FLOWS = "identity_flows"  # state -> what to check on the way back, in the person's session
FLOW_SECONDS = 15 * 60  # time at the provider's pages before the attempt is stale
MAX_FLOWS = 5  # attempts in several tabs; the oldest are dropped

REFUSED = {
    "state": gettext_lazy("This sign-in attempt is not known to the portal, was already used or took too long. "
                          "Start again from the sign-in page."),
    "code": gettext_lazy("%(provider)s did not accept this sign-in (the code was already used or has expired). "
                         "Start again from the sign-in page."),
    "signature": gettext_lazy("The identity token is not signed by %(provider)s: the sign-in was refused."),
    "audience": gettext_lazy("The identity token was issued for another service, not this portal: "
                             "the sign-in was refused."),
    "issuer": gettext_lazy("The identity token was not issued by %(provider)s: the sign-in was refused."),
    "expired": gettext_lazy("The identity token has expired: the sign-in was refused. Start again from the "
                            "sign-in page."),
    "nonce": gettext_lazy("The identity token does not belong to this sign-in attempt (a replayed token): "
                          "the sign-in was refused."),
    "replay": gettext_lazy("This identity token was used before (a replayed token): the sign-in was refused."),
    "malformed": gettext_lazy("The identity token could not be read: the sign-in was refused."),
}


def _next_url(request, candidate):
    if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                                     require_https=request.is_secure()):
        return candidate
    return ""


def _problem(request, provider, *, title, message, status):
    context = {"provider": provider, "title": title, "message": message}
    return render(request, "identity/problem.html", context, status=status)


def _unavailable(request, provider, exc):
    log.warning("sign-in provider %s unavailable: %s", provider.slug, exc)
    title = _("%(provider)s is not answering right now") % {"provider": provider.label}
    message = _("The portal could not reach %(provider)s, or it answered too slowly. Try again in a few "
                "minutes, or sign in with your username and password.") % {"provider": provider.label}
    return _problem(request, provider, title=title, message=message, status=503)


def start(request, provider):
    provider = providers.get(provider)
    next_url = _next_url(request, request.GET.get("next", ""))
    if is_signed_in(request.user):
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    redirect_uri = request.build_absolute_uri(reverse("oidc-callback", args=[provider.slug]))
    try:
        url, flow = client.begin(provider, redirect_uri)
    except client.Unavailable as exc:
        return _unavailable(request, provider, exc)
    flows = request.session.get(FLOWS, {})
    flows[flow.pop("state")] = {**flow, "provider": provider.slug, "next": next_url}
    # The newest few only: each tab's attempt has its own state.
    request.session[FLOWS] = dict(sorted(flows.items(), key=lambda kv: kv[1]["started"])[-MAX_FLOWS:])
    return redirect(url)


@signin.door(signin.PROVIDER)
def callback(request, provider):
    provider = providers.get(provider)
    flows = request.session.get(FLOWS, {})
    flow = flows.pop(request.GET.get("state", ""), None)
    request.session[FLOWS] = flows  # a state is good once, whatever follows
    if flow is None or flow["provider"] != provider.slug or time.time() - flow["started"] > FLOW_SECONDS:
        return _refused(request, provider, client.Refused("state"))
    if request.GET.get("error"):
        # The person cancelled at the provider, or the provider would not sign them in.
        title = _("Signing in with %(provider)s was cancelled") % {"provider": provider.label}
        message = _("%(provider)s did not sign you in (%(error)s). Try again, or sign in with your username "
                    "and password.") % {"provider": provider.label, "error": request.GET["error"][:64]}
        return _problem(request, provider, title=title, message=message, status=400)
    try:
        claims = client.finish(provider, flow, request.GET.get("code", ""))
    except client.Unavailable as exc:
        return _unavailable(request, provider, exc)
    except client.Refused as refused:
        return _refused(request, provider, refused)
    outcome = services.person_for(provider, claims, language=get_language())
    if outcome.user is None:
        log.info("sign-in through %s: nobody to sign in (%s)", provider.slug, outcome.how)
        context = {"provider": provider, "how": outcome.how}
        return render(request, "identity/unknown.html", context, status=403)
    locked = signin.account_refusal(request, username=outcome.user.get_username())
    if locked is not None:
        return signin.refusal_page(request, locked)
    login(request, outcome.user, backend=SIGN_IN_BACKEND)
    request.session[policy.SESSION_KEY] = provider.slug
    services.signed_in(user=outcome.user, provider=provider)
    if outcome.how == "invitation":
        messages.success(request, _("Welcome! Your account is ready: sign in with %(provider)s next time too.")
                         % {"provider": provider.label})
    return redirect(flow["next"] or settings.LOGIN_REDIRECT_URL)


def _refused(request, provider, refused):
    # A refused answer is a failed sign-in of this address (guessing states or forging tokens).
    signin.address_failure(request)
    log.warning("sign-in through %s refused: %s", provider.slug, refused)
    message = REFUSED.get(refused.reason, REFUSED["malformed"]) % {"provider": provider.label}
    title = _("The sign-in with %(provider)s was refused") % {"provider": provider.label}
    return _problem(request, provider, title=title, message=message, status=400)
