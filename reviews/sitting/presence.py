"""Who is in the meeting, and since when: read from the append-only arrivals and departures.

A meeting the secretary *opened* (``MeetingOpening``) is run on these events: a member counts
towards the quorum from the moment they joined (identified) until they left, so a late arrival
or an early departure changes the quorum from that moment on. A meeting never opened keeps the
older roll call (``Attendance``: present or absent for the whole meeting), as before issue 15.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from ..enums import Channel, Presence
from ..models import AgendaItem, Attendance, AttendanceEvent, MeetingOpening


def opening_of(meeting):
    """The meeting's opening, or ``None`` (read once per meeting object)."""
    if not hasattr(meeting, "_opening_cache"):
        meeting._opening_cache = MeetingOpening.objects.filter(meeting_id=meeting.pk).first()
    return meeting._opening_cache


def is_sitting(meeting) -> bool:
    """Whether the meeting is run on arrivals and departures (the secretary opened it)."""
    return opening_of(meeting) is not None


def present_at(events, at=None) -> set:
    """The members in the meeting at ``at`` (default: now) from ``events`` (in time order)."""
    at = at or timezone.now()
    state = {}
    for event in events:
        if event.at <= at:
            state[event.member_id] = event.kind == Presence.JOINED
    return {member for member, inside in state.items() if inside}


def events_of(meeting):
    return AttendanceEvent.objects.filter(meeting_id=meeting.pk).order_by("at", "id")


def present_ids(meeting, at=None) -> set:
    """The members counted present now (or at ``at``): one query."""
    if is_sitting(meeting):
        return present_at(list(events_of(meeting)), at)
    return set(Attendance.objects.filter(meeting_id=meeting.pk, present=True).values_list("member_id", flat=True))


def is_present(meeting, member, at=None) -> bool:
    return member.pk in present_ids(meeting, at)


def attendance_recorded(meeting) -> bool:
    """Whether anyone's presence is known: a roll call, or (at an opened meeting) anyone joined."""
    if is_sitting(meeting):
        return AttendanceEvent.objects.filter(meeting_id=meeting.pk, kind=Presence.JOINED).exists()
    return Attendance.objects.filter(meeting_id=meeting.pk).exists()


@dataclass
class Stay:
    """One member's time at the meeting: each arrival (with how they were identified) and departure."""

    member: object
    events: list = field(default_factory=list)
    late: bool = False

    @property
    def first_joined(self):
        return next((e for e in self.events if e.kind == Presence.JOINED), None)

    @property
    def last_left(self):
        left = [e for e in self.events if e.kind == Presence.LEFT]
        return left[-1] if left else None

    @property
    def left_early(self) -> bool:
        return bool(self.events) and self.events[-1].kind == Presence.LEFT


def stays(meeting) -> list:
    """Each member who joined, with their events in order; ``late`` when they first joined after the
    first vote of the meeting was opened (they missed business). One or two queries."""
    first_vote = (
        AgendaItem.objects.filter(meeting_id=meeting.pk, voting_opened_at__isnull=False)
        .order_by("voting_opened_at").values_list("voting_opened_at", flat=True).first()
    )
    by_member = {}
    for event in events_of(meeting).select_related("member", "recorded_by"):
        by_member.setdefault(event.member_id, Stay(event.member)).events.append(event)
    for stay in by_member.values():
        joined = stay.first_joined
        stay.late = bool(joined and first_vote and joined.at > first_vote)
    return list(by_member.values())


def is_electronic(meeting) -> bool:
    """Held (also) through electronic media: a member joined online, or the meeting's place is a link.
    The minutes then say it was held under the Emergency Decree on Electronic Meetings B.E. 2563."""
    if (meeting.place or "").strip().lower().startswith(("http://", "https://")):
        return True
    return AttendanceEvent.objects.filter(meeting_id=meeting.pk, channel=Channel.ONLINE).exists()


def event_words(event, late=False) -> str:
    """One arrival or departure as the minutes say it: "joined late 09:20 (online, password)"."""
    time = timezone.localtime(event.at).strftime("%H:%M")
    if event.kind == Presence.LEFT:
        return _("left at %(time)s") % {"time": time}
    words = _("joined late at %(time)s") if late else _("joined at %(time)s")
    return words % {"time": time} + f" ({event.get_channel_display()}, {event.get_identity_check_display()})"
