"""Issue 15, items 3 and 4: the rules of running a meeting, each refused with a clear message and
nothing half-saved. Run on PostgreSQL in CI (DATABASE_URL=postgres://...), on SQLite too."""

import datetime

import pytest
from django.utils import timezone

from reviews.enums import Ballot
from reviews.models import (
    AgendaItem,
    AttendanceEvent,
    MeetingOpening,
    Resolution,
    SecretBallot,
    SecretParticipation,
    Vote,
)
from reviews.sitting import presence, services
from reviews.voting.selectors import tally
from reviews.voting.services import VotingError, item_close, vote_cast
from tests import paths
from tests.factories import UserFactory

from .scenario import PASSWORD, Sitting

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    return Sitting()


# --- opening and joining -------------------------------------------------------------------------

def test_only_the_secretary_or_the_office_opens_the_meeting():
    s = Sitting(opened=False)
    with pytest.raises(services.SittingError, match="Only the secretary") as refused:
        services.meeting_open(meeting=s.meeting, by=s.members[1])
    assert refused.value.code == "forbidden"
    assert not MeetingOpening.objects.filter(meeting=s.meeting).exists()
    opening = services.meeting_open(meeting=s.meeting, by=s.secretary)
    assert opening.opened_by == s.secretary


def test_a_meeting_is_opened_once_and_not_before_it_starts():
    s = Sitting(opened=False)
    later = paths.meeting("subcommittee", timezone.now() + datetime.timedelta(days=5))
    with pytest.raises(services.SittingError) as early:
        services.meeting_open(meeting=later, by=s.secretary)
    assert early.value.code == "not_started"
    services.meeting_open(meeting=s.meeting, by=s.secretary)
    with pytest.raises(services.SittingError, match="already open"):
        services.meeting_open(meeting=s.meeting, by=s.staff)
    assert MeetingOpening.objects.filter(meeting=s.meeting).count() == 1


def test_joining_needs_the_password_and_a_wrong_one_writes_nothing(s):
    member = s.members[1]
    with pytest.raises(services.SittingError, match="password is not right") as wrong:
        services.member_join(meeting=s.meeting, member=member, channel="online", password="guess")
    assert wrong.value.code == "identity"
    assert AttendanceEvent.objects.count() == 0
    event = services.member_join(meeting=s.meeting, member=member, channel="online", password=PASSWORD)
    assert (event.kind, event.channel, event.identity_check) == ("joined", "online", "password")
    assert presence.present_ids(s.meeting) == {member.pk}


def test_joining_with_a_one_time_code_when_the_office_sets_it(s):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    s.body.identity_check = "otp"
    s.body.save()
    s.meeting.body.refresh_from_db()
    member = s.members[1]
    device = TOTPDevice.objects.create(user=member, name="authenticator", confirmed=True)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    with pytest.raises(services.SittingError) as wrong:
        services.member_join(meeting=s.meeting, member=member, channel="room", code=f"{(int(code) + 1) % 10**6:06d}")
    assert wrong.value.code == "identity"
    assert AttendanceEvent.objects.count() == 0
    device.refresh_from_db()
    device.throttle_reset()  # the wrong code's delay, counted by django-otp, is not what this test waits for
    event = services.member_join(meeting=s.meeting, member=member, channel="room", code=code)
    assert (event.channel, event.identity_check) == ("room", "otp")


def test_a_stranger_to_the_body_cannot_join_and_nobody_joins_before_the_opening():
    s = Sitting(opened=False)
    with pytest.raises(services.SittingError) as not_open:
        s.join(s.members[1])
    assert not_open.value.code == "not_open"
    services.meeting_open(meeting=s.meeting, by=s.secretary)
    outsider = UserFactory()
    with pytest.raises(services.SittingError) as stranger:
        services.member_join(meeting=s.meeting, member=outsider, channel="online", password=PASSWORD)
    assert stranger.value.code == "not_member"
    assert AttendanceEvent.objects.count() == 0


def test_late_arrival_and_early_departure_change_the_quorum_from_that_moment(s):
    # Six seats on the day (the chair, the secretary, four members): the quorum at 0.50 is 3.
    everyone = [s.chair, s.secretary, *s.members[1:]]
    s.join(*everyone[:2])
    s.open_vote()
    assert (tally(s.item).eligible, tally(s.item).quorum_needed, tally(s.item).has_quorum) == (6, 3, False)
    s.join(everyone[2])  # a late arrival: counted from now
    assert (tally(s.item).present_eligible, tally(s.item).has_quorum) == (3, True)
    stays = {stay.member.pk: stay for stay in presence.stays(s.meeting)}
    assert stays[everyone[2].pk].late is True and stays[everyone[0].pk].late is False
    services.member_leave(meeting=s.meeting, member=everyone[1], by=s.secretary)  # an early departure
    assert (tally(s.item).present_eligible, tally(s.item).has_quorum) == (2, False)
    # The record is the events, never an overwrite: one joined, then left.
    assert list(AttendanceEvent.objects.filter(member=everyone[1]).values_list("kind", flat=True)) == [
        "joined", "left"]


def test_attendance_events_are_written_once(s):
    from reviews.records import RecordError

    s.join(s.members[1])
    event = AttendanceEvent.objects.get()
    event.channel = "room"
    with pytest.raises(RecordError):
        event.save()
    with pytest.raises(RecordError):
        event.delete()


# --- the vote ----------------------------------------------------------------------------------------

def test_a_vote_from_someone_not_present_or_not_identified_is_refused(s):
    s.join(s.chair, s.secretary, *s.members[1:3])
    s.open_vote()
    absent = s.members[3]
    with pytest.raises(VotingError, match="joined the meeting") as refused:
        vote_cast(item=s.item, member=absent, choice="approve")
    assert refused.value.code == "absent"
    services.member_leave(meeting=s.meeting, member=s.members[1], by=s.members[1])
    with pytest.raises(VotingError) as gone:
        vote_cast(item=s.item, member=s.members[1], choice="approve")
    assert gone.value.code == "absent"
    assert Vote.objects.count() == 0


def test_nobody_votes_before_the_chair_opens_the_vote_and_only_the_chair_opens_it(s):
    s.join(s.chair, s.members[1])
    with pytest.raises(VotingError, match="not opened the vote") as waiting:
        vote_cast(item=s.item, member=s.members[1], choice="approve")
    assert waiting.value.code == "not_open"
    with pytest.raises(services.SittingError) as member:
        services.item_vote_open(item=s.item, by=s.members[1])
    assert member.value.code == "forbidden"
    s.open_vote()
    assert vote_cast(item=s.item, member=s.members[1], choice="approve").choice == "approve"


def test_closing_without_quorum_is_refused_and_nothing_is_saved(s):
    s.join(s.chair, s.members[1])
    s.open_vote()
    vote_cast(item=s.item, member=s.chair, choice="approve")
    with pytest.raises(VotingError, match="No quorum") as refused:
        item_close(item=s.item, by=s.chair, text="เห็นชอบ")
    assert refused.value.code == "no_quorum"
    s.item.refresh_from_db()
    assert (s.item.closed_at, s.item.resolution_id, Resolution.objects.count()) == (None, None, 0)


def test_the_chair_writes_the_resolution_text_and_conditions_when_closing(s):
    s.join(s.chair, s.secretary, *s.members[1:])
    s.open_vote()
    for m in [s.chair, *s.members[1:]]:
        vote_cast(item=s.item, member=m, choice="in_principle", reason="ต้องปรับแผน")
    with pytest.raises(VotingError, match="text of the resolution"):
        item_close(item=s.item, by=s.chair)
    resolution = item_close(item=s.item, by=s.chair, text="เห็นชอบในหลักการ ให้ปรับแผนด้านการเดินทาง",
                            requested_changes="ปรับตัวชี้วัดด้านการเดินทางให้วัดผลได้")
    assert resolution.text.startswith("เห็นชอบในหลักการ ให้ปรับแผนด้านการเดินทาง\n\n")
    assert resolution.conditions == "ปรับตัวชี้วัดด้านการเดินทางให้วัดผลได้"
    assert resolution.kind == "in_principle"


# --- secret ballots --------------------------------------------------------------------------------------

def test_a_secret_ballot_records_who_voted_and_the_choices_apart(s):
    s.join(s.chair, s.secretary, *s.members[1:])
    s.open_vote(ballot=Ballot.SECRET)
    s.item.refresh_from_db()
    voters = [s.chair, *s.members[1:]]
    for m, choice in zip(voters, ["approve", "approve", "not_approve", "approve", "abstain"], strict=True):
        vote_cast(item=s.item, member=m, choice=choice, reason="ไม่ควรถูกเก็บ")
    assert Vote.objects.filter(agenda_item=s.item).count() == 0
    assert set(SecretParticipation.objects.values_list("member_id", flat=True)) == {
        m.pk for m in [s.chair, *s.members[1:]]}
    assert sorted(SecretBallot.objects.values_list("choice", flat=True)) == [
        "abstain", "approve", "approve", "approve", "not_approve"]
    # Nothing in a ballot's row names a person or a time: only a random key, the item and the choice.
    assert {f.name for f in SecretBallot._meta.concrete_fields} == {"id", "agenda_item", "choice"}
    assert {f.name for f in SecretParticipation._meta.concrete_fields} == {"id", "agenda_item", "member"}
    with pytest.raises(VotingError) as twice:
        vote_cast(item=s.item, member=s.chair, choice="not_approve")
    assert twice.value.code == "duplicate" and SecretBallot.objects.count() == 5
    resolution = item_close(item=s.item, by=s.chair, text="อนุมัติ")
    assert resolution.kind == "approve"
    assert "ลงคะแนนลับ" in resolution.text or "Secret ballot" in resolution.text


def test_a_secret_ballot_is_not_in_the_audit_trail(s):
    from auditlog.models import LogEntry

    s.join(s.chair, s.members[1])
    s.open_vote(ballot=Ballot.SECRET)
    s.item.refresh_from_db()
    vote_cast(item=s.item, member=s.members[1], choice="not_approve")
    entries = LogEntry.objects.all()
    assert not [e for e in entries if e.content_type.model == "secretballot"]
    assert "not_approve" not in " ".join(str(e.changes) for e in entries)


def test_a_secret_ballot_cannot_be_made_open_after_votes_were_cast(s):
    s.join(s.chair, s.members[1])
    s.open_vote(ballot=Ballot.SECRET)
    s.item.refresh_from_db()
    vote_cast(item=s.item, member=s.members[1], choice="approve")
    with pytest.raises(services.SittingError, match="cannot be made open") as refused:
        services.ballot_choose(item=s.item, by=s.chair, ballot=Ballot.OPEN)
    assert refused.value.code == "voted"
    assert AgendaItem.objects.get(pk=s.item.pk).ballot == "secret"


def test_the_ballot_may_change_before_anyone_votes(s):
    s.join(s.chair, s.members[1])
    s.open_vote(ballot=Ballot.SECRET)
    services.ballot_choose(item=s.item, by=s.chair, ballot=Ballot.OPEN)
    assert AgendaItem.objects.get(pk=s.item.pk).ballot == "open"
    with pytest.raises(services.SittingError) as member:
        services.ballot_choose(item=s.item, by=s.members[1], ballot=Ballot.SECRET)
    assert member.value.code == "forbidden"


def test_a_tied_secret_ballot_is_decided_by_the_chair_s_open_casting_vote(s):
    s.join(s.chair, s.secretary, *s.members[1:])
    s.open_vote(ballot=Ballot.SECRET)
    s.item.refresh_from_db()
    for m, choice in zip(s.members[:4], ["approve", "approve", "not_approve", "not_approve"], strict=True):
        vote_cast(item=s.item, member=m, choice=choice)
    with pytest.raises(VotingError, match="tied"):
        item_close(item=s.item, by=s.chair, text="มติ")
    resolution = item_close(item=s.item, by=s.chair, text="มติ", casting_vote="not_approve")
    assert resolution.kind == "not_approve"


def test_the_secretary_s_roll_call_is_refused_once_the_meeting_is_opened(s):
    from django.core.exceptions import ValidationError

    from reviews.meetings.services import attendance_record
    from reviews.models import Attendance

    with pytest.raises(ValidationError, match="opened on the portal"):
        attendance_record(meeting=s.meeting, present_ids=[s.chair.pk], by=s.secretary)
    assert Attendance.objects.count() == 0
