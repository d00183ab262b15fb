"""Writing meetings: numbering, notice, agenda and attendance. Keyword-only, one transaction each."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from applications.enums import State
from core.errors import DomainError
from core.thai import be_year, local_date
from notifications.kinds import Kind

from ..enums import BodyKind
from ..models import AgendaItem, Attendance, Body, Meeting, MeetingOpening
from ..notify import PUBLICATIONS, agenda_text, meeting_notify
from .selectors import meeting_date, members_on

# Which proposals each body decides on: the subcommittee those recommended to it, the committee the approved.
AGENDA_STATES = {
    BodyKind.WORKING_GROUP: (State.EVALUATION,),
    BodyKind.SUBCOMMITTEE: (State.ON_AGENDA,),
    BodyKind.COMMITTEE: (State.APPROVED,),
}


def short_notice_problem(*, body, held_at, now=None, override_reason=""):
    """The message refusing a meeting called at shorter notice than the body's rule, or ``None``."""
    now = now or timezone.now()
    if held_at - now >= datetime.timedelta(days=body.notice_days) or override_reason.strip():
        return None
    return ngettext(
        "Notice must go out at least %(days)d day before the meeting. "
        "Choose a later date, or give the reason for the short notice: it goes into the record.",
        "Notice must go out at least %(days)d days before the meeting. "
        "Choose a later date, or give the reason for the short notice: it goes into the record.",
        body.notice_days,
    ) % {"days": body.notice_days}


def past_problem(held_at) -> str:
    held = timezone.localtime(held_at)
    return _("%(date)s at %(time)s has passed: a meeting is called for a date to come.") % {
        "date": local_date(held), "time": held.strftime("%H:%M"),
    }


def cancelled_problem(meeting):
    """The refusal of any change to a cancelled meeting, or ``None``."""
    if meeting.cancelled_at is None:
        return None
    return _("Meeting %(label)s was cancelled: nothing more is done with it.") % {"label": meeting.label}


def meeting_create(*, body, held_at, place, by, notice_override_reason=""):
    """Schedule the Nth meeting of ``body`` in the B.E. year of ``held_at`` and send its notice.

    The body's row is locked while the number is chosen, so two meetings
    created at once never share a number; the unique constraint stays the last
    line of defence (one retry).
    """
    now = timezone.now()
    reason = (notice_override_reason or "").strip()
    if held_at <= now:
        raise ValidationError(past_problem(held_at), code="past")
    problem = short_notice_problem(body=body, held_at=held_at, now=now, override_reason=reason)
    if problem:
        raise ValidationError(problem, code="short_notice")
    year = be_year(timezone.localtime(held_at).year)
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                locked = Body.objects.select_for_update().get(pk=body.pk)
                last = Meeting.objects.filter(body=locked, year_be=year).aggregate(n=Max("number"))["n"] or 0
                meeting = Meeting.objects.create(
                    body=locked, year_be=year, number=last + 1, held_at=held_at, place=place,
                    notice_sent_at=now, notice_override_reason=reason, created_by=by,
                )
                send_notice(meeting=meeting)
                return meeting
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def send_notice(*, meeting) -> list:
    """One outbox row per member sitting on the meeting's date, in the member's language."""
    return meeting_notify(meeting=meeting, kind=Kind.MEETING_NOTICE, event="meeting.notice")


def agenda_publish(*, meeting) -> list:
    """Tell the members the agenda is ready, item by item; each member once (see ``publish``)."""
    if not meeting.agenda.exists():
        raise ValidationError(_("Nothing is on the agenda yet: add the proposals first."), code="empty_agenda")
    return meeting_notify(
        meeting=meeting, kind=Kind.AGENDA_PUBLISHED, event=PUBLICATIONS["agenda"],
        extra_for=lambda: {"agenda": agenda_text(meeting)}, once=True,
    )


def voting_open(*, meeting) -> list:
    if not meeting.agenda.exists():
        raise ValidationError(_("Nothing is on the agenda yet: there is nothing to vote on."), code="empty_agenda")
    return meeting_notify(meeting=meeting, kind=Kind.VOTING_OPEN, event=PUBLICATIONS["voting"], once=True)


def minutes_publish(*, meeting, now=None) -> list:
    if meeting.held_at > (now or timezone.now()):
        raise ValidationError(_("The meeting has not taken place yet: there are no minutes to publish."),
                              code="not_held")
    return meeting_notify(meeting=meeting, kind=Kind.MINUTES, event=PUBLICATIONS["minutes"], once=True)


# What the secretary (or the Office) publishes from the meeting page (``PUBLICATIONS``: name -> event).
PUBLISHERS = {"agenda": agenda_publish, "voting": voting_open, "minutes": minutes_publish}


def publish(*, meeting, what) -> list:
    """Publish the agenda, open the voting or publish the minutes, in one transaction.

    Returns the rows written: empty when every member had already been told
    (the notification's unique key), so publishing twice tells nobody twice.
    Raises ``ValidationError`` when the meeting is not ready for it.
    """
    problem = cancelled_problem(meeting)
    if problem:
        raise ValidationError(problem, code="cancelled")
    with transaction.atomic():
        return PUBLISHERS[what](meeting=meeting)


def state_problem(*, body, proposal):
    """Why ``body`` cannot decide on ``proposal`` in its present state, or ``None``."""
    allowed = AGENDA_STATES.get(body.kind, ())
    if proposal.status in allowed:
        return None
    return _(
        "%(ref)s cannot go on this agenda: it is “%(state)s”; this body takes proposals that are “%(allowed)s”."
    ) % {
        "ref": proposal.reference,
        "state": proposal.get_status_display(),
        "allowed": ", ".join(str(State(s).label) for s in allowed) or "—",
    }


def agenda_problem(*, meeting, proposal):
    """Why ``proposal`` cannot go on ``meeting``'s agenda, or ``None``."""
    problem = state_problem(body=meeting.body, proposal=proposal)
    if problem:
        return problem
    if AgendaItem.objects.filter(meeting=meeting, proposal=proposal).exists():
        return _("%(ref)s is already on this agenda.") % {"ref": proposal.reference}
    return None


def agenda_add(*, meeting, proposal, order=None) -> AgendaItem:
    problem = cancelled_problem(meeting) or agenda_problem(meeting=meeting, proposal=proposal)
    if problem:
        raise ValidationError(problem, code="not_for_agenda")
    if order is None:
        order = (meeting.agenda.aggregate(n=Max("order"))["n"] or 0) + 1
    return AgendaItem.objects.create(meeting=meeting, proposal=proposal, order=order)


def removal_problem(*, item):
    if item.closed_at or item.resolution_id:
        return _("Item %(order)s is closed: it stays on the agenda.") % {"order": item.order}
    if item.votes.exists() or item.participations.exists():
        return _("Item %(order)s has votes: it stays on the agenda.") % {"order": item.order}
    return None


def agenda_remove(*, item) -> None:
    problem = removal_problem(item=item)
    if problem:
        raise ValidationError(problem, code="has_votes")
    item.delete()


def attendance_start_problem(meeting) -> str:
    held = timezone.localtime(meeting.held_at)
    return _("The meeting starts on %(date)s at %(time)s: attendance is recorded from its start.") % {
        "date": local_date(held), "time": held.strftime("%H:%M"),
    }


class AttendanceClosed(DomainError):
    """Attendance cannot be recorded again once an item of the meeting is closed."""

    default_code = "closed"


def attendance_record(*, meeting, present_ids, by) -> int:
    """Mark every member sitting on the meeting's date present or absent; returns how many are present.

    Only from the meeting's start (who was present is known then). Refused once any item of
    the meeting is closed: the quorum of that item was counted on this roll call, so it stands
    (a mistake is mended by a recorded correction). The meeting's items are locked first, so a
    close and a new roll call never cross.
    """
    if meeting.cancelled_at is not None:
        raise ValidationError(cancelled_problem(meeting), code="cancelled")
    if meeting.held_at > timezone.now():
        raise ValidationError(attendance_start_problem(meeting), code="not_started")
    if MeetingOpening.objects.filter(meeting=meeting).exists():
        # Run on the portal (issue 15): presence is each member's identified arrival and departure.
        raise ValidationError(_(
            "The meeting was opened on the portal: members join it themselves, confirming who they are, "
            "and their arrivals and departures are the attendance."
        ), code="opened")
    present_ids = {int(i) for i in present_ids}
    with transaction.atomic():
        items = list(AgendaItem.objects.select_for_update().filter(meeting=meeting).values_list(
            "closed_at", "resolution_id"))
        if any(closed_at or resolution_id for closed_at, resolution_id in items):
            raise AttendanceClosed(_(
                "An item of this meeting is closed, so its attendance stands as recorded. "
                "To mend a mistake, record a correction."
            ))
        rows = [
            Attendance(meeting=meeting, member_id=seat.user_id, present=seat.user_id in present_ids, recorded_by=by)
            for seat in members_on(meeting.body, meeting_date(meeting))
        ]
        Attendance.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["meeting", "member"],
            update_fields=["present", "recorded_by", "recorded_at"],
        )
    return sum(r.present for r in rows)
