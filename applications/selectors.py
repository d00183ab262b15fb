"""Reads of proposals, always already scoped to the person asking."""

from django.db.models import Prefetch, Q
from django.http import Http404

from accounts.permissions import is_office_staff, is_signed_in

from .enums import PUBLIC_STATES
from .models import DimensionPlan, Proposal
from .permissions import involved


def proposals_actionable_by(user):
    """Proposals the user works on (not merely may read as the public)."""
    qs = Proposal.objects.all()
    if is_office_staff(user):
        return qs
    if not is_signed_in(user):
        return qs.none()
    return qs.filter(involved(user))


def proposals_visible_to(user):
    qs = Proposal.objects.all()
    if is_office_staff(user):
        return qs
    public = Q(status__in=PUBLIC_STATES)
    if not is_signed_in(user):
        return qs.filter(public)
    return qs.filter(public | involved(user))


def proposal_list(user):
    """For list pages: everything a row shows, in a fixed number of queries.

    A signed-in person's list is their own work (a proponent: their
    organisation's proposals); other cities are in the public register.
    """
    base = proposals_actionable_by(user) if is_signed_in(user) else proposals_visible_to(user)
    return (
        base
        .select_related("organisation", "organisation__province", "organisation__kind")
        .prefetch_related(
            "provinces", Prefetch("plans", queryset=DimensionPlan.objects.select_related("dimension"))
        )
    )


def get_actionable_proposal(user, pk) -> Proposal:
    """A stranger gets 404, never 403: we do not confirm the proposal exists."""
    try:
        return proposals_actionable_by(user).select_related("organisation").get(pk=pk)
    except (Proposal.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_visible_proposal(user, pk) -> Proposal:
    try:
        return proposals_visible_to(user).select_related("organisation").get(pk=pk)
    except (Proposal.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def history_of(proposal):
    # The deciding resolution is a generic link: prefetched (one query per level), not joined.
    # A decision's corrections (reviews' Correction rows, by their relation's name) are shown beside it.
    return proposal.history.select_related("actor").prefetch_related(
        "resolution__meeting__body", "resolution__corrections__ordered_by"
    )
