"""Reads of proposals, always already scoped to the person asking."""

from django.db.models import Prefetch, Q
from django.http import Http404

from accounts.models import Membership
from accounts.permissions import is_office_staff, is_signed_in

from .enums import PUBLIC_STATES
from .models import DimensionPlan, Proposal
from .permissions import involved, withheld_proposals


def proposals_actionable_by(user):
    """Proposals the user works on (not merely may read as the public): the ones whose dossier they
    may read. The dossier rule (``permissions.dossier_visible``) as a filter: the Office's, and the
    involved's, less the proposals a declared conflict of interest withholds from them."""
    qs = Proposal.objects.all()
    if is_office_staff(user):
        # (An officer's own organisation's proposals stay theirs, as in roles_for: a subquery, not a read.)
        own = Q(organisation_id__in=Membership.objects.filter(user=user).values("organisation_id"))
        return qs.filter(own | ~withheld_proposals(user))
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


# The long texts of a dossier: a list row never shows them, so list queries leave them out
# (kilobytes a row, read and thrown away 50 times a page otherwise).
LONG_TEXTS = (
    "boundary_description", "vision", "goals", "infrastructure_plan", "investment_plan", "data_platform",
    "management_model",
)


def proposal_list(user):
    """For list pages: everything a row shows, in a fixed number of queries.

    A signed-in person's list is their own work (a proponent: their
    organisation's proposals); other cities are in the public register.
    """
    base = proposals_actionable_by(user) if is_signed_in(user) else proposals_visible_to(user)
    return (
        base
        .select_related("organisation", "organisation__province", "organisation__kind")
        .defer(*LONG_TEXTS)
        .prefetch_related(
            "provinces",
            Prefetch("plans", queryset=DimensionPlan.objects.select_related("dimension").defer("summary")),
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


def proposal_page(user, pk) -> Proposal:
    """A proposal the user may see, with what its page shows beside it (provinces, plans and their
    dimensions, the public record's row) read in three queries, not one per plan."""
    try:
        return (
            proposals_visible_to(user).select_related("organisation", "public_record")
            .prefetch_related(
                "provinces", Prefetch("plans", queryset=DimensionPlan.objects.select_related("dimension")),
            )
            .get(pk=pk)
        )
    except (Proposal.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def public_history_of(proposal):
    """The steps the public may see, as the register shows them: public states, no notes, no names."""
    return (
        proposal.history.filter(to_state__in=PUBLIC_STATES)
        .prefetch_related("resolution__meeting__body")
        .order_by("at", "pk")
    )


def history_of(proposal):
    # The deciding resolution is a generic link: prefetched (one query per level), not joined.
    # A decision's corrections (reviews' Correction rows, by their relation's name) are shown beside it.
    return proposal.history.select_related("actor").prefetch_related(
        "resolution__meeting__body", "resolution__corrections__ordered_by"
    )


def get_audited_proposal(user, pk) -> Proposal:
    """The audit trail of a proposal is the Office's to read: to anyone else the page does not exist."""
    if not is_office_staff(user):
        raise Http404
    return get_actionable_proposal(user, pk)
