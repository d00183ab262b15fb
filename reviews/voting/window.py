"""When an agenda item takes votes: the one reading of "the vote is open".

An item takes votes, a close on its vote and conflicts of interest only while it is open
(not closed, no resolution) and its proposal still waits for this body's decision (a
decision recorded by another path, a withdrawal, ends the vote). Votes and the close
come on or after the meeting's start, once the secretary has recorded attendance. The
services judge under the item's lock; the pages read the same functions to offer only
what would be accepted.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from applications.enums import State
from core.thai import local_date

from ..meetings.services import AGENDA_STATES
from ..sitting.presence import attendance_recorded, is_sitting

# What each act waits for, in the order they are judged.
VOTE = "vote"
CLOSE = "close"
DECLARE = "declare"


@dataclass(frozen=True)
class Shut:
    """Why the item does not take this act now: a ``VotingError`` code and the message."""

    code: str
    message: str


def _when(meeting) -> dict:
    held = timezone.localtime(meeting.held_at)
    return {"date": local_date(held), "time": held.strftime("%H:%M")}


def start_problem(meeting, act, now=None) -> str:
    """Why ``act`` (vote, close) must wait for the meeting's start, or ``""``."""
    if meeting.held_at <= (now or timezone.now()):
        return ""
    if act == CLOSE:
        return _("The meeting starts on %(date)s at %(time)s: the item is closed on its vote, from its start.") % (
            _when(meeting))
    return _("The meeting starts on %(date)s at %(time)s: votes are cast from its start.") % _when(meeting)


def shut(item, act, *, status=None, now=None, attendance=None):
    """Why ``item`` does not take ``act`` now (a :class:`Shut`), or ``None``.

    ``status`` is the proposal's state as read under the lock (default: the loaded one);
    ``attendance`` whether any attendance is recorded (default: asked of the database).
    """
    if item.closed_at is not None or item.resolution_id is not None:
        return Shut("closed", _("This item is closed: its resolution stands and no vote changes."))
    status = status or item.proposal.status
    voted_on = AGENDA_STATES.get(item.meeting.body.kind, ())
    if status not in voted_on:
        return Shut("decided", _(
            "The proposal is now “%(state)s”, no longer “%(voted)s”: the vote on this item is over."
        ) % {"state": State(status).label, "voted": ", ".join(str(State(s).label) for s in voted_on) or "—"})
    if act == DECLARE:
        # A conflict is declared before the dossier is read, so before the meeting too.
        return None
    problem = start_problem(item.meeting, act, now)
    if problem:
        return Shut("not_started", problem)
    sitting = is_sitting(item.meeting)
    if attendance is None:
        attendance = attendance_recorded(item.meeting)
    if not attendance:
        if sitting:
            return Shut("no_attendance", _(
                "No member has joined the meeting yet: members join, confirming who they are, before the vote."
            ))
        return Shut("no_attendance", _(
            "No attendance is recorded for this meeting yet: the secretary records who is present before the vote."
        ))
    # At a meeting the secretary opened, the chair opens the vote on each item before anyone votes.
    if sitting and item.voting_opened_at is None:
        return Shut("not_open", _("The chair has not opened the vote on this item yet."))
    return None
