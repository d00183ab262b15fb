"""Writes of a meeting being run: open it, join (identified) and leave, open an item's vote and
choose its ballot. Keyword-only, one transaction each; every refusal is a :class:`SittingError`
with a message a page shows as it is, and nothing is written when one is raised.

The identity check on joining is the body's setting (``Body.identity_check``, set by the Office
in the admin): the member types their password again, or a one-time code from their
authenticator app (django-otp, through ``accounts.second_factor``).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.second_factor import SecondFactorError, second_factor_verify
from core.errors import DomainError

from ..enums import Ballot, Channel, IdentityCheck, Presence
from ..meetings.permissions import can_record_attendance
from ..meetings.selectors import meeting_date, members_on
from ..meetings.services import attendance_start_problem
from ..models import ITEM_CLOSED, AgendaItem, AttendanceEvent, Meeting, MeetingOpening, SecretParticipation, Vote
from ..voting.permissions import can_close
from ..voting.selectors import membership_of
from . import presence


class SittingError(DomainError):
    """A refused step of running a meeting. ``code``: forbidden, not_started, not_open, opened,
    not_member, present, absent, identity, closed, voted, invalid."""

    statuses = {"invalid": 400, "identity": 400, "forbidden": 403, "not_member": 403}
    default_status = 409


def _seat(meeting, member):
    return members_on(meeting.body, meeting_date(meeting)).filter(user_id=member.pk).first()


def meeting_open(*, meeting, by) -> MeetingOpening:
    """The secretary (or the Office) opens the meeting: members may join from now on."""
    if not can_record_attendance(by, meeting):
        raise SittingError(_("Only the secretary of the body or the Office opens the meeting."), code="forbidden")
    if meeting.held_at > timezone.now():
        raise SittingError(attendance_start_problem(meeting), code="not_started")
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        if MeetingOpening.objects.filter(meeting=meeting).exists():
            raise SittingError(_("The meeting is already open."), code="opened")
        if AgendaItem.objects.filter(ITEM_CLOSED, meeting=meeting).exists():
            raise SittingError(
                _("An item of this meeting is already closed: the meeting was run without the portal."),
                code="closed",
            )
        opening = MeetingOpening.objects.create(meeting=meeting, opened_by=by)
    meeting._opening_cache = opening
    return opening


def _identity_problem(*, meeting, member, password, code):
    """Why ``member`` is not identified by what they typed, or ``None``."""
    if meeting.body.identity_check == IdentityCheck.ONE_TIME_CODE:
        try:
            second_factor_verify(user=member, code=code)
        except SecondFactorError as exc:
            return exc.message
        return None
    if not password or not member.check_password(password):
        return _("That password is not right: type the password you sign in with to confirm it is you.")
    return None


def member_join(*, meeting, member, channel, password="", code="") -> AttendanceEvent:
    """``member`` joins the open meeting, in the room or online, after confirming who they are.

    They count towards the quorum from this moment (a late arrival changes it from now).
    """
    if channel not in Channel.values:
        raise SittingError(_("Say whether you are in the meeting room or online."), code="invalid", field="channel")
    if presence.opening_of(meeting) is None:
        raise SittingError(_("The secretary has not opened the meeting yet: join once it is open."), code="not_open")
    if _seat(meeting, member) is None:
        raise SittingError(_("Only the members of this body on the meeting date take part."), code="not_member")
    # Checked before the transaction: a wrong one-time code's failure count must be kept.
    problem = _identity_problem(meeting=meeting, member=member, password=password, code=code)
    if problem:
        raise SittingError(problem, code="identity",
                           field="code" if meeting.body.identity_check == IdentityCheck.ONE_TIME_CODE else "password")
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()  # one arrival or departure at a time
        if presence.is_present(meeting, member):
            raise SittingError(_("You have already joined this meeting."), code="present")
        return AttendanceEvent.objects.create(
            meeting=meeting, member=member, kind=Presence.JOINED, channel=channel,
            identity_check=meeting.body.identity_check, recorded_by=member,
        )


def member_leave(*, meeting, member, by) -> AttendanceEvent:
    """``member`` leaves (they say so, or the secretary records it): not counted from this moment."""
    if by.pk != member.pk and not can_record_attendance(by, meeting):
        raise SittingError(_("Only the member or the secretary records a departure."), code="forbidden")
    if presence.opening_of(meeting) is None:
        raise SittingError(_("The secretary has not opened the meeting yet."), code="not_open")
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        if not presence.is_present(meeting, member):
            raise SittingError(_("%(name)s is not in the meeting.") % {"name": member.get_full_name() or member},
                               code="absent")
        return AttendanceEvent.objects.create(meeting=meeting, member=member, kind=Presence.LEFT, recorded_by=by)


def _chair_item(item, by) -> AgendaItem:
    """The item locked, after checking ``by`` is the chair (or the Office) and the item is open."""
    if not can_close(by, membership_of(by, item)):
        raise SittingError(_("Only the chair of the body opens the vote and chooses the ballot."), code="forbidden")
    locked = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if locked.closed_at is not None or locked.resolution_id is not None:
        raise SittingError(_("This item is closed: its resolution stands and no vote changes."), code="closed")
    return locked


def _has_votes(item) -> bool:
    return (Vote.objects.filter(agenda_item=item).exists()
            or SecretParticipation.objects.filter(agenda_item=item).exists())


def ballot_choose(*, item, by, ballot) -> AgendaItem:
    """The chair chooses an open or a secret ballot; once anyone voted, it stays as it is."""
    if ballot not in Ballot.values:
        raise SittingError(_("Choose an open or a secret ballot."), code="invalid", field="ballot")
    with transaction.atomic():
        locked = _chair_item(item, by)
        if locked.ballot == ballot:
            return locked
        if _has_votes(locked):
            if locked.ballot == Ballot.SECRET:
                message = _("Votes have been cast in secret on this item: the ballot cannot be made open, "
                            "which would expose how members voted. It stays secret.")
            else:
                message = _("Votes have been cast openly on this item: the ballot cannot be made secret now. "
                            "It stays open.")
            raise SittingError(message, code="voted", field="ballot")
        locked.ballot = ballot
        locked.save(update_fields=["ballot"])
    item.ballot = ballot
    return item


def item_vote_open(*, item, by, ballot=None) -> AgendaItem:
    """The chair opens the vote on ``item`` (choosing its ballot, if given) at the open meeting."""
    if presence.opening_of(item.meeting) is None:
        raise SittingError(_("The secretary has not opened the meeting yet."), code="not_open")
    with transaction.atomic():
        if ballot is not None:
            ballot_choose(item=item, by=by, ballot=ballot)
        locked = _chair_item(item, by)
        if locked.voting_opened_at is not None:
            raise SittingError(_("The vote on this item is already open."), code="opened")
        locked.voting_opened_at, locked.voting_opened_by = timezone.now(), by
        locked.save(update_fields=["voting_opened_at", "voting_opened_by"])
    item.voting_opened_at, item.voting_opened_by, item.ballot = locked.voting_opened_at, by, locked.ballot
    return item


