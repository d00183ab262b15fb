"""Who hears what of the committees' work, registered on reviews' and the workflow's hooks.

It lives in reviews, above the outbox it writes to (notifications sits below reviews: the
outbox knows nothing of meetings), and reviews' ``ready()`` registers it.

- a meeting postponed or cancelled: every member seated on its date (on the old date or the
  new one, for a postponement), in their own language;
- a resolution recorded with a move (the workflow's listeners): the members of the body that
  met and the proposing organisation's people;
- the last evaluator of a proposal submitted: the Office.

All rows are written in the caller's transaction (the outbox), like every other notice.
"""

from django.utils import timezone, translation

from accounts.models import User
from core.thai import local_date
from notifications.kinds import Kind
from notifications.rendering import language_of
from notifications.services import Batch, proposal_context

from ..models import Resolution
from ..notify import meeting_context
from .selectors import meeting_date, members_on


def _seats(meeting, *dates) -> list:
    """The seats held on any of ``dates``, each member once, chair first as in the minutes."""
    seen, seats = set(), []
    for on in dates:
        for seat in members_on(meeting.body, on).filter(user__is_active=True):
            if seat.user_id not in seen:
                seen.add(seat.user_id)
                seats.append(seat)
    return seats


def _tell_members(meeting, *, kind, event, seats, extra) -> list:
    batch = Batch(event=event, meeting=meeting)

    def context_for(language):
        return {**meeting_context(meeting), **extra()}

    for seat in seats:
        with translation.override(language_of(seat.user)):
            role = str(seat.get_role_display())
        batch.add(seat.user, kind, context_for, extra={"role": role})
    return batch.write()


def meeting_postponed(meeting, *, previous_held_at, reason, by) -> list:
    before = timezone.localtime(previous_held_at)

    def extra():
        return {"previous_date": local_date(before), "previous_time": before.strftime("%H:%M"), "reason": reason}

    return _tell_members(
        meeting, kind=Kind.MEETING_POSTPONED, event="meeting.postponed",
        seats=_seats(meeting, before.date(), meeting_date(meeting)), extra=extra,
    )


def meeting_cancelled(meeting, *, reason, by) -> list:
    return _tell_members(
        meeting, kind=Kind.MEETING_CANCELLED, event="meeting.cancelled",
        seats=_seats(meeting, meeting_date(meeting)), extra=lambda: {"reason": reason},
    )


def resolution_told(change, *, audiences) -> list:
    """A move decided by a meeting's resolution: its members and the proponents hear the resolution."""
    resolution = change.resolution if change.resolution_id else None
    if not isinstance(resolution, Resolution):
        return []
    meeting, proposal = resolution.meeting, change.proposal
    # Tied to the move it came with, as the move's own notices are (a back-dated move is history).
    batch = Batch(event="meeting.resolution", proposal=proposal, status_change=change, meeting=meeting)

    def context_for(language):
        held = timezone.localtime(meeting.held_at)
        return {
            **proposal_context(proposal),
            "meeting_label": meeting.label, "body_name": meeting.body.name, "meeting_date": local_date(held),
            "resolution": resolution.get_kind_display(), "resolution_text": resolution.text,
        }

    told = set()
    for seat in _seats(meeting, meeting_date(meeting)):
        told.add(seat.user_id)
        batch.add(seat.user, Kind.RESOLUTION, context_for)
    proponents = User.objects.filter(memberships__organisation_id=proposal.organisation_id, is_active=True)
    for user in proponents.exclude(pk__in=told).distinct().order_by("pk"):
        batch.add(user, Kind.RESOLUTION, context_for)
    return batch.write()


def scores_complete(proposal, *, assignments) -> list:
    """The Office hears once per round of submissions (the key names the latest submission)."""
    batch = Batch(event="evaluation.complete", proposal=proposal)
    last = max(a.submitted_at for a in assignments)

    def context_for(language):
        return {**proposal_context(proposal), "count": str(len({a.evaluator_id for a in assignments}))}

    for user in User.objects.filter(is_office_staff=True, is_active=True).order_by("pk"):
        key = f"evaluation.complete:{proposal.pk}:{last.isoformat()}:{user.pk}"
        batch.add(user, Kind.SCORES_COMPLETE, context_for, key=key)
    return batch.write()
