"""Sign-in extras, "my organisation", invitations, the office's organisation pages and one's API
tokens. Thin: the work is in selectors (reads, scoped to the user) and services (writes)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetConfirmView, PasswordResetView
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.paging import page_of

from . import selectors, services, signin
from .forms import AcceptInvitationForm, InviteForm, OrganisationCreateForm, QueuedPasswordResetForm
from .permissions import can_cancel_invitation, can_manage_organisations, invitation_matches, is_signed_in

SIGN_IN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _base_url(request):
    return request.build_absolute_uri("/")


# --- Password reset -------------------------------------------------------------------------------

class PasswordReset(PasswordResetView):
    """Django's reset; the e-mail goes through the task queue. Unknown addresses get the same page."""

    form_class = QueuedPasswordResetForm


@method_decorator(signin.door(signin.RESET_CONFIRM), name="dispatch")
class PasswordResetConfirm(PasswordResetConfirmView):
    """Setting a new password from the e-mailed link also lifts the account's sign-in locks.

    A link that is not (or no longer) valid counts as a failed sign-in from the address: the
    link is a secret, and guessing it is guessing a password.
    """

    def dispatch(self, *args, **kwargs):
        response = super().dispatch(*args, **kwargs)
        if not self.validlink:
            signin.address_failure(self.request)
        return response

    def form_valid(self, form):
        response = super().form_valid(form)
        services.unlock_sign_in(username=form.user.get_username())
        return response


# --- My organisation ----------------------------------------------------------------------------

def _invite_prefix(pk):
    return f"org{pk}"


def _organisation_page(request, bound=None):
    organisations = list(selectors.my_organisations(request.user))
    for org in organisations:
        org.invite_form = (bound or {}).get(org.pk) or InviteForm(prefix=_invite_prefix(org.pk))
    return render(request, "accounts/organisation.html", {"organisations": organisations})


@login_required
def my_organisation(request):
    return _organisation_page(request)


@login_required
@require_POST
def invite(request, pk):
    organisation = selectors.get_member_organisation(request.user, pk)
    form = InviteForm(request.POST, prefix=_invite_prefix(pk))
    if form.is_valid():
        try:
            invitation, resent = services.invite_colleague(
                organisation=organisation, email=form.cleaned_data["email"], invited_by=request.user,
                base_url=_base_url(request), language=get_language(),
            )
        except services.AlreadyMember as exc:
            form.add_error("email", exc.message)
        else:
            if resent:
                text = _("%(email)s already had an invitation: it was sent again and is valid for 14 more days.")
            else:
                text = _("Invitation sent to %(email)s.")
            messages.success(request, text % {"email": invitation.email})
            return redirect("organisation")
    return _organisation_page(request, bound={organisation.pk: form})


@login_required
def invitation_cancel(request, pk):
    invitation = selectors.get_organisation_invitation(request.user, pk)
    if not can_cancel_invitation(request.user, invitation):
        messages.info(request, _("The invitation to %(email)s is no longer pending.") % {"email": invitation.email})
        return redirect("organisation")
    if request.method == "POST":
        try:
            services.cancel_invitation(invitation=invitation, by=request.user)
        except services.InvitationClosed:
            messages.info(request, _("The invitation to %(email)s is no longer pending.") % {"email": invitation.email})
        else:
            messages.success(request, _("The invitation to %(email)s was cancelled.") % {"email": invitation.email})
        return redirect("organisation")
    return render(request, "accounts/invitation_cancel.html", {"invitation": invitation})


# --- Accepting an invitation --------------------------------------------------------------------

def _invitation_page(request, invitation, state, form=None, reason=None, status=200):
    context = {"invitation": invitation, "state": state, "form": form, "reason": reason}
    return render(request, "accounts/invitation.html", context, status=status)


def _closed(request, invitation, reason):
    return _invitation_page(request, invitation, "closed", reason=reason, status=410)


@signin.door(signin.INVITATION)
def invitation_accept(request, token):
    try:
        invitation = selectors.get_invitation_by_token(token)
    except Http404:
        # The link is a secret: a wrong one is a failed sign-in from this address.
        signin.address_failure(request)
        raise
    if not invitation.is_open:
        return _closed(request, invitation, "used" if invitation.accepted_at else "expired")
    user = request.user
    if is_signed_in(user):
        if not invitation_matches(user, invitation):
            return _invitation_page(request, invitation, "wrong_account", status=403)
        if request.method == "POST":
            try:
                services.accept_as_signed_in_user(token=token, user=user)
            except services.InvitationClosed as exc:
                return _closed(request, invitation, exc.reason)
            messages.success(request, _("You are now a member of %(organisation)s.")
                             % {"organisation": invitation.organisation.name})
            return redirect("organisation")
        return _invitation_page(request, invitation, "join")
    if selectors.account_exists(invitation.email):
        return _invitation_page(request, invitation, "account_exists")
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            new_user = services.accept_as_new_user(
                token=token, first_name=data["first_name"], last_name=data["last_name"],
                position=data["position"], phone=data["phone"], password=data["password1"],
                language=get_language(),
            )
        except services.InvitationClosed as exc:
            return _closed(request, invitation, exc.reason)
        except services.AccountExists:
            return _invitation_page(request, invitation, "account_exists")
        login(request, new_user, backend=SIGN_IN_BACKEND)
        messages.success(request, _("Welcome! Your account is ready and you are a member of %(organisation)s. "
                                    "Sign in next time with your e-mail address %(email)s.")
                         % {"organisation": invitation.organisation.name, "email": new_user.username})
        return redirect("organisation")
    return _invitation_page(request, invitation, "register", form=form)


# --- Organisations (Smart City Office) ----------------------------------------------------------

@login_required
def organisation_list(request):
    query = request.GET.get("q", "")
    organisations = selectors.organisation_list(request.user, query=query)
    page = page_of(request, organisations, 50)
    return render(request, "accounts/organisation_list.html", {"page": page, "query": query.strip()})


@login_required
def organisation_create(request):
    if not can_manage_organisations(request.user):
        raise Http404
    form = OrganisationCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation, invitation = services.create_organisation(
            name_th=data["name_th"], name_en=data["name_en"], kind=data["kind"], province=data["province"],
            first_user_email=data["first_user_email"], by=request.user,
            base_url=_base_url(request), language=get_language(),
        )
        messages.success(request, _("%(organisation)s was created and an invitation was sent to %(email)s.")
                         % {"organisation": organisation.name, "email": invitation.email})
        return redirect("organisation-list")
    return render(request, "accounts/organisation_form.html", {"form": form})


# --- My API tokens --------------------------------------------------------------------------------

@login_required
def api_tokens(request):
    page = Paginator(selectors.my_api_tokens(request.user), 20).get_page(request.GET.get("page"))
    context = {"page": page, "days": settings.API_TOKEN_DAYS}
    return render(request, "accounts/api_tokens.html", context)


@login_required
@require_POST
def api_token_revoke(request, pk):
    token = selectors.get_my_api_token(request.user, pk)
    services.api_token_revoke(token=token)
    messages.success(request, _("The token %(key)s… was revoked: it no longer works.") % {"key": token.token_key[:8]})
    return redirect("api-tokens")


@login_required
@require_POST
def api_tokens_revoke_all(request):
    count = services.api_tokens_revoke_all(user=request.user)
    messages.success(request, ngettext("%(count)d token was revoked.", "%(count)d tokens were revoked.", count)
                     % {"count": count})
    return redirect("api-tokens")
