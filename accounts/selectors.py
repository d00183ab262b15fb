"""Reads of organisations, members and invitations, always scoped to the person asking."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from provinces.models import Organisation

from .models import ApiToken, Invitation, Membership, SecondFactorReset, User
from .permissions import can_manage_organisations, is_office_staff, is_signed_in, organisation_ids


def open_invitations():
    return Invitation.objects.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


def my_organisations(user):
    """The user's organisations with their members and pending invitations, in a fixed number of queries."""
    if not is_signed_in(user):
        return Organisation.objects.none()
    members = Membership.objects.select_related("user").order_by("joined_at", "pk")
    pending = open_invitations().select_related("invited_by").order_by("created_at", "pk")
    return (
        Organisation.objects.filter(memberships__user=user)
        .select_related("kind", "province")
        .prefetch_related(
            Prefetch("memberships", queryset=members, to_attr="member_list"),
            Prefetch("invitations", queryset=pending, to_attr="pending_invitations"),
        )
        .order_by("name_th", "pk")
    )


def get_member_organisation(user, pk) -> Organisation:
    """An organisation the user belongs to; anyone else gets 404."""
    return get_object_or_404(Organisation.objects.filter(pk__in=organisation_ids(user)), pk=pk)


def get_organisation_invitation(user, pk) -> Invitation:
    """An invitation of one of the user's organisations (open or not); a stranger gets 404."""
    qs = Invitation.objects.filter(organisation_id__in=organisation_ids(user))
    return get_object_or_404(qs.select_related("organisation", "invited_by"), pk=pk)


def get_invitation_by_token(token) -> Invitation:
    """The invitation a link carries; an unknown token is 404."""
    qs = Invitation.objects.select_related("organisation", "invited_by", "accepted_by")
    return get_object_or_404(qs, token=token)


def is_member(*, email, organisation) -> bool:
    """Does someone with this e-mail (or username) already belong to the organisation?"""
    return Membership.objects.filter(
        Q(user__email__iexact=email) | Q(user__username__iexact=email), organisation=organisation
    ).exists()


def account_exists(email) -> bool:
    return User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists()


def organisation_name_taken(*, name_th, province) -> bool:
    return Organisation.objects.filter(name_th__iexact=name_th.strip(), province=province).exists()


def organisation_list(user, *, query=""):
    """Every organisation with its counts, for the Smart City Office; anyone else gets 404."""
    if not can_manage_organisations(user):
        raise Http404
    now = timezone.now()
    qs = Organisation.objects.select_related("kind", "province").annotate(
        member_count=Count("memberships", distinct=True),
        pending_count=Count(
            "invitations",
            filter=Q(invitations__accepted_at__isnull=True, invitations__expires_at__gt=now),
            distinct=True,
        ),
    )
    query = (query or "").strip()
    if query:
        qs = qs.filter(
            Q(name_th__icontains=query) | Q(name_en__icontains=query)
            | Q(province__name_th__icontains=query) | Q(province__name_en__icontains=query)
        )
    return qs.order_by("name_th", "pk")


def my_api_tokens(user):
    """The user's live API tokens, newest first (expired ones are as good as gone)."""
    if not is_signed_in(user):
        return ApiToken.objects.none()
    return (
        ApiToken.objects.filter(user=user)
        .filter(Q(expiry__isnull=True) | Q(expiry__gt=timezone.now()))
        .order_by("-created", "-pk")
    )


def get_my_api_token(user, pk) -> ApiToken:
    """One of the user's own live tokens; anyone else's is 404."""
    return get_object_or_404(my_api_tokens(user), pk=pk)


# --- The second factor --------------------------------------------------------------------------

def my_second_factor_resets(user):
    """The resets of the user's own second factor, newest first (who did it, and why)."""
    if not is_signed_in(user):
        return SecondFactorReset.objects.none()
    return second_factor_resets_of(user)


def second_factor_resets_of(person):
    return SecondFactorReset.objects.filter(user=person).select_related("by").order_by("-at", "-pk")


def get_person_for_second_factor_reset(user, pk) -> User:
    """Another person whose second factor the Office may reset; to anyone else (and for oneself:
    one's own factor has its own page) the page does not exist."""
    if not is_office_staff(user) or int(pk) == user.pk:
        raise Http404
    return get_object_or_404(User, pk=pk)
