"""Reads of proposals, always already scoped to the person asking."""

from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone

from accounts.permissions import is_office_staff, is_signed_in, organisation_ids

from .enums import PUBLIC_STATES
from .models import DimensionPlan, Proposal


def _involved(user) -> Q:
    from reviews.models import AgendaItem, EvaluatorAssignment
    from reviews.selectors import current_memberships

    today = timezone.localdate()
    bodies = current_memberships(user, today).values("body_id")
    return (
        Q(organisation_id__in=organisation_ids(user))
        | Q(pk__in=EvaluatorAssignment.objects.filter(evaluator=user).values("proposal_id"))
        | Q(
            pk__in=AgendaItem.objects.filter(meeting__body_id__in=bodies)
            .exclude(conflicts__member=user)  # a conflicted member does not see the dossier
            .values("proposal_id")
        )
    )


def proposals_actionable_by(user):
    """Proposals the user works on (not merely may read as the public)."""
    qs = Proposal.objects.all()
    if is_office_staff(user):
        return qs
    if not is_signed_in(user):
        return qs.none()
    return qs.filter(_involved(user))


def proposals_visible_to(user):
    qs = Proposal.objects.all()
    if is_office_staff(user):
        return qs
    public = Q(status__in=PUBLIC_STATES)
    if not is_signed_in(user):
        return qs.filter(public)
    return qs.filter(public | _involved(user))


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
    return proposal.history.select_related("actor", "resolution__meeting__body")
