"""Reads of the meeting desk: the Office's, already scoped (anyone else gets nothing, so a 404)."""

from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404

from accounts.permissions import is_office_staff
from applications.models import Proposal
from applications.selectors import proposals_actionable_by

from ..models import AgendaItem, Meeting
from .services import AGENDA_STATES


def desk_meetings(user, *, body=None):
    """Every meeting, newest first, with its agenda count; none for anyone but the Office."""
    if not is_office_staff(user):
        return Meeting.objects.none()
    qs = Meeting.objects.select_related("body").annotate(item_count=Count("agenda", distinct=True))
    if body:
        qs = qs.filter(body_id=body)
    return qs.order_by("-held_at", "-pk")


def desk_meeting(user, pk) -> Meeting:
    try:
        return desk_meetings(user).select_related("created_by", "cancelled_by").get(pk=pk)
    except (Meeting.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def desk_item(user, pk) -> AgendaItem:
    if not is_office_staff(user):
        raise Http404
    try:
        return AgendaItem.objects.select_related("meeting__body", "proposal").get(pk=pk)
    except (AgendaItem.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def _dossier(user):
    """The dossier rule (applications.permissions.dossier_visible) as one subquery per list: an
    officer who declared a conflict of interest on a proposal gets no link to its dossier."""
    return Exists(proposals_actionable_by(user).filter(pk=OuterRef("proposal_id")))


def desk_agenda(user, meeting):
    return (
        meeting.agenda.select_related("proposal__organisation")
        .annotate(dossier=_dossier(user))
        .order_by("order", "pk")
    )


def agenda_candidates(user, meeting):
    """The proposals this body decides on and not yet on this agenda, the longest waiting first;
    ``elsewhere`` marks those already on another meeting's agenda that is not cancelled."""
    states = AGENDA_STATES.get(meeting.body.kind, ())
    other = AgendaItem.objects.filter(
        proposal=OuterRef("pk"), meeting__cancelled_at__isnull=True, closed_at__isnull=True,
        resolution__isnull=True,
    ).exclude(meeting=meeting)
    return (
        Proposal.objects.filter(status__in=states)
        .exclude(Q(agenda_items__meeting=meeting))
        .select_related("organisation")
        .annotate(elsewhere=Exists(other), dossier=Exists(proposals_actionable_by(user).filter(pk=OuterRef("pk"))))
        .order_by("status_changed_at", "pk")
    )
