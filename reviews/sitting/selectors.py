"""What the meeting page shows about a meeting being run, for one person."""

from dataclasses import dataclass, field

from accounts.permissions import is_signed_in

from ..meetings.permissions import body_roles, can_record_attendance
from . import presence
from .certify import to_certify
from .permissions import evidence_readable


@dataclass
class Sitting:
    meeting: object
    opening: object = None
    stays: list = field(default_factory=list)
    present: set = field(default_factory=set)
    can_open: bool = False
    is_member: bool = False
    can_record: bool = False
    may_read_evidence: bool = False
    certify_previous: object = None

    @property
    def me_present(self) -> bool:
        return self.user_id in self.present

    user_id: int | None = None


def sitting(meeting, user) -> Sitting:
    role = body_roles(user).get(meeting.body_id) if is_signed_in(user) else None
    result = Sitting(meeting=meeting, opening=presence.opening_of(meeting), user_id=getattr(user, "pk", None))
    result.can_record = can_record_attendance(user, meeting)
    result.is_member = role is not None
    result.may_read_evidence = evidence_readable(user, meeting)
    if result.opening is not None:
        result.stays = presence.stays(meeting)
        events = sorted((e for s in result.stays for e in s.events), key=lambda e: (e.at, e.pk))
        result.present = presence.present_at(events)
    else:
        result.can_open = result.can_record
    if result.can_record:
        result.certify_previous = to_certify(meeting).first()
    return result
