"""The second factor's pages: verifying after the password, setting up an authenticator, one's
own factor (recovery codes), and an officer's reset of another person's. Thin: the writes are
in accounts/second_factor.py; every code is tried under the one sign-in policy (signin.py)."""

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice

from . import second_factor as factor
from . import selectors, signin
from .forms import ConfirmPasswordForm, EnrolCodeForm, SecondFactorCodeForm, SecondFactorResetForm
from .permissions import decides


def _next(request) -> str:
    """Where to go once the factor is passed: the page asked for, if it is one of ours."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return wanted
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(name, next_url) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _refused(request):
    """The one policy's answer, if this account or address may not try a code now."""
    refused = signin.refusal(request, door=signin.SECOND_FACTOR, username=request.user.get_username())
    return None if refused is None else signin.refusal_page(request, refused)


def _passed(request, device):
    # A new session key for the session that now counts as signed in (as Django's login does).
    request.session.cycle_key()
    django_otp.login(request, device)


def _codes_page(request, codes, *, next_url, first):
    return render(request, "accounts/second_factor/codes.html",
                  {"codes": codes, "next": next_url, "first": first})


# --- After the password ------------------------------------------------------------------------------

@never_cache
@login_required
def verify(request):
    user, next_url = request.user, _next(request)
    if not factor.pending(user):
        return redirect(next_url)
    if not factor.enrolled(user):
        return redirect(_with_next("second-factor-enrol", next_url))
    refused = _refused(request)
    if refused is not None:
        return refused
    form = SecondFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = factor.second_factor_verify(user=user, code=form.cleaned_data["code"])
        except factor.WrongCode as exc:
            signin.code_failure(request, username=user.get_username())
            form.add_error("code", exc.message)
        except factor.SecondFactorError as exc:
            form.add_error("code", exc.message)
        else:
            _passed(request, device)
            if isinstance(device, StaticDevice):
                left = factor.recovery_codes_left(user)
                messages.warning(request, ngettext(
                    "You signed in with a recovery code; it cannot be used again. %(count)d code is left: "
                    "make new ones on your second-factor page.",
                    "You signed in with a recovery code; it cannot be used again. %(count)d codes are left: "
                    "make new ones on your second-factor page if you are running short.", left) % {"count": left})
            return redirect(next_url)
    return render(request, "accounts/second_factor/verify.html", {"form": form, "next": next_url})


@never_cache
@login_required
def enrol(request):
    user, next_url = request.user, _next(request)
    if not decides(user):
        raise Http404  # the factor is for the people who decide
    if factor.enrolled(user):
        return redirect(_with_next("second-factor-verify", next_url) if factor.pending(user)
                        else reverse("second-factor"))
    refused = _refused(request)
    if refused is not None:
        return refused
    device = factor.second_factor_enrol_start(user=user)
    form = EnrolCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # A wrong code here guesses nothing (the key is on the screen): it is not a failed sign-in.
        try:
            device, codes = factor.second_factor_enrol_confirm(user=user, code=form.cleaned_data["code"])
        except factor.AlreadyEnrolled:
            return redirect(reverse("second-factor"))
        except factor.SecondFactorError as exc:
            form.add_error("code", exc.message)
        else:
            _passed(request, device)
            return _codes_page(request, codes, next_url=next_url, first=True)
    context = {"form": form, "next": next_url, "qr": factor.qr_svg(device), "key": factor.manual_key(device),
               "issuer": settings.OTP_TOTP_ISSUER}
    return render(request, "accounts/second_factor/enrol.html", context)


# --- One's own factor --------------------------------------------------------------------------------

def _manage_page(request, password_form=None, status=200):
    user = request.user
    context = {
        "decides": decides(user), "required": factor.required(user),
        "authenticator": factor.authenticator(user), "codes_left": factor.recovery_codes_left(user),
        "password_form": password_form or ConfirmPasswordForm(),
        "resets": selectors.my_second_factor_resets(user)[:5],
    }
    return render(request, "accounts/second_factor/manage.html", context, status=status)


@never_cache
@login_required
def manage(request):
    return _manage_page(request)


@never_cache
@login_required
@require_POST
def recovery_codes(request):
    """New recovery codes, after the password is typed again (a session left open is not enough)."""
    user = request.user
    if not factor.enrolled(user):
        return redirect("second-factor")
    refused = signin.refusal(request, door=signin.SIGN_IN, username=user.get_username())
    if refused is not None:
        return signin.refusal_page(request, refused)
    form = ConfirmPasswordForm(request.POST)
    if form.is_valid():
        # authenticate() sends user_login_failed on a wrong password: counted like any other.
        confirmed = authenticate(request, username=user.get_username(), password=form.cleaned_data["password"])
        if getattr(request, "axes_locked_out", False):
            return signin.refusal_page(request, signin.Refusal("account", signin.HOUR))
        if confirmed is None or confirmed.pk != user.pk:
            form.add_error("password", _("That is not your password."))
        else:
            codes = factor.recovery_codes_regenerate(user=user)
            return _codes_page(request, codes, next_url=reverse("second-factor"), first=False)
    return _manage_page(request, password_form=form, status=400)


# --- An officer's reset ------------------------------------------------------------------------------

@never_cache
@login_required
def reset(request, pk):
    person = selectors.get_person_for_second_factor_reset(request.user, pk)
    form = SecondFactorResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            factor.second_factor_reset(user=person, by=request.user, reason=form.cleaned_data["reason"])
        except factor.SecondFactorError as exc:
            form.add_error("reason" if exc.field == "reason" else None, exc.message)
        else:
            messages.success(request, _("The second factor of %(person)s was reset: they set up an authenticator "
                                        "app again at their next sign-in.") % {"person": person})
            return redirect("second-factor-reset", pk=person.pk)
    context = {
        "person": person, "form": form, "authenticator": factor.authenticator(person),
        "codes_left": factor.recovery_codes_left(person), "decides": decides(person),
        "resets": selectors.second_factor_resets_of(person)[:20],
    }
    return render(request, "accounts/second_factor/reset.html", context)
