"""The demo's finished meeting (issue 15, item 7): the subcommittee's meeting "sc_last", run on the
portal as an electronic meeting, so a newcomer sees what one looks like afterwards.

The secretary opened it; six members joined (five online, one in the room, each re-entering their
password), one of them late, after the first vote had opened; one left early; the member for
unaffiliated experts (member5) did not attend. Item of an outright approval: an open ballot, with
one dissent and its reason. Item of an approval in principle: a conflict of interest declared, and
a secret ballot (participations and ballots apart, no times). The resolutions' texts are the
stories' (demo/stories.py); the minutes and the evidence pack are made from these rows on demand.

Written as the services would have written them, dated when the meeting sat (the services stamp
"now"); called by the builder before each item of that meeting is resolved, while it is still open.
"""

import datetime

from reviews.enums import Ballot, Channel, IdentityCheck, Presence, ResolutionKind, VoteChoice
from reviews.models import (
    AttendanceEvent,
    ConflictDeclaration,
    MeetingOpening,
    SecretBallot,
    SecretParticipation,
    Vote,
)

FINISHED = "sc_last"

# (username, minutes after the start they joined, where); member4 arrives after the first vote opened.
ARRIVALS = (
    ("secretary", 0, Channel.ROOM), ("chair", 2, Channel.ROOM), ("member1", 4, Channel.ONLINE),
    ("member2", 5, Channel.ONLINE), ("member3", 6, Channel.ONLINE), ("member4", 48, Channel.ONLINE),
)
LEAVES = (("member3", 290),)  # after both items closed (4 h 30 after the start)
FIRST_VOTE = 30  # minutes after the start

OPEN_VOTES = (
    ("chair", VoteChoice.APPROVE, ""), ("member1", VoteChoice.APPROVE, ""), ("member2", VoteChoice.APPROVE, ""),
    ("member4", VoteChoice.APPROVE, ""),
    ("member3", VoteChoice.NOT_APPROVE,
     "แผนด้านพลังงานยังไม่ระบุแหล่งเงินทุนของโครงการโซลาร์ชุมชน และยังไม่มีข้อตกลงกับการไฟฟ้าส่วนภูมิภาค "
     "จึงเห็นควรให้ปรับแผนก่อนรับรอง"),
)
CONFLICT = ("member2", "เคยเป็นที่ปรึกษาโครงการพัฒนาพื้นที่ริมทะเลสาบของเทศบาลนครสงขลาในปี 2567")
SECRET_VOTES = (
    ("chair", VoteChoice.IN_PRINCIPLE), ("member1", VoteChoice.IN_PRINCIPLE), ("member3", VoteChoice.IN_PRINCIPLE),
    ("member4", VoteChoice.APPROVE), ("secretary", VoteChoice.ABSTAIN),
)


def _at(meeting, minutes):
    return meeting.held_at + datetime.timedelta(minutes=minutes)


def open_meeting(meeting, users):
    """The opening, the arrivals and the departure, once per meeting."""
    if MeetingOpening.objects.filter(meeting=meeting).exists():
        return
    secretary = users["secretary"]
    MeetingOpening.objects.create(meeting=meeting, opened_by=secretary, opened_at=_at(meeting, 0))
    for username, minutes, channel in ARRIVALS:
        AttendanceEvent.objects.create(
            meeting=meeting, member=users[username], kind=Presence.JOINED, at=_at(meeting, minutes), channel=channel,
            identity_check=IdentityCheck.PASSWORD, recorded_by=users[username],
        )
    for username, minutes in LEAVES:
        AttendanceEvent.objects.create(meeting=meeting, member=users[username], kind=Presence.LEFT,
                                       at=_at(meeting, minutes), recorded_by=users[username])


def run_item(meeting, item, users, kind):
    """The vote on one item of the finished meeting, before the builder records its resolution."""
    open_meeting(meeting, users)
    secret = kind == ResolutionKind.IN_PRINCIPLE
    opened = FIRST_VOTE + (90 if item.order > 1 else 0)
    item.ballot = Ballot.SECRET if secret else Ballot.OPEN
    item.voting_opened_at, item.voting_opened_by = _at(meeting, opened), users["chair"]
    item.save(update_fields=["ballot", "voting_opened_at", "voting_opened_by"])
    if not secret:
        for n, (username, choice, reason) in enumerate(OPEN_VOTES):
            at = _at(meeting, max(opened + 5 + n, 50) if username == "member4" else opened + 5 + n)
            Vote.objects.create(agenda_item=item, member=users[username], choice=choice, reason=reason, cast_at=at)
        return
    username, reason = CONFLICT
    ConflictDeclaration.objects.create(agenda_item=item, member=users[username], reason=reason,
                                       declared_at=_at(meeting, opened - 5))
    # Participations by name, ballots by choice: neither order says who chose what.
    for username, _choice in sorted(SECRET_VOTES):
        SecretParticipation.objects.create(agenda_item=item, member=users[username])
    for _username, choice in sorted(SECRET_VOTES, key=lambda v: v[1]):
        SecretBallot.objects.create(agenda_item=item, choice=choice)
