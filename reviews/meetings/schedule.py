"""The meeting desk's changes to a called meeting: postpone, cancel, order the agenda.

Each is one transaction through here (never a row edited in the admin), and who is told
is left to the listeners of ``reviews.hooks`` (the notifications app fills them), called
inside the same transaction: a meeting moves or is cancelled together with its members'
notices, or not at all. A called meeting is never deleted: its notice went out.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.thai import be_year

from .. import hooks
from ..models import AgendaItem, Attendance, Meeting
from .services import cancelled_problem, past_problem, removal_problem, short_notice_problem


def _locked(meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)


def _held_problem(meeting):
    """Why a meeting that took place (a roll call, a closed item) can no longer move or be cancelled."""
    if Attendance.objects.filter(meeting=meeting).exists() or meeting.agenda.filter(
        closed_at__isnull=False
    ).exists() or meeting.agenda.filter(resolution__isnull=False).exists():
        return _("Meeting %(label)s has taken place (attendance or a decision is recorded): it stays as it is.") % {
            "label": meeting.label
        }
    return None


def postpone_problem(*, meeting, held_at, now=None, notice_override_reason=""):
    """Why ``meeting`` cannot move to ``held_at``, or ``None``."""
    now = now or timezone.now()
    problem = cancelled_problem(meeting) or _held_problem(meeting)
    if problem:
        return problem
    if meeting.held_at <= now:
        return _("Meeting %(label)s has started: it can no longer be postponed.") % {"label": meeting.label}
    if held_at <= now:
        return past_problem(held_at)
    if held_at == meeting.held_at:
        return _("That is the date the meeting is already called for: choose the new date.")
    if be_year(timezone.localtime(held_at).year) != meeting.year_be:
        # The number N/year belongs to the year; another year's meeting has another number.
        return _("A meeting cannot move to another year; cancel it and schedule a new meeting instead.")
    return short_notice_problem(body=meeting.body, held_at=held_at, now=now, override_reason=notice_override_reason)


def meeting_postpone(*, meeting, held_at, by, reason="", notice_override_reason="", place=None) -> Meeting:
    """Move ``meeting`` to ``held_at`` (and ``place``), keeping its number; its members are told."""
    reason = (reason or "").strip()
    override = (notice_override_reason or "").strip()
    with transaction.atomic():
        locked = _locked(meeting)
        problem = postpone_problem(meeting=locked, held_at=held_at, notice_override_reason=override)
        if problem:
            raise ValidationError(problem, code="postpone")
        previous = locked.held_at
        locked.postponed_from, locked.held_at = previous, held_at
        locked.postponement_reason = reason
        locked.notice_sent_at = timezone.now()
        if override:
            locked.notice_override_reason = override
        fields = ["postponed_from", "held_at", "postponement_reason", "notice_sent_at", "notice_override_reason"]
        if place is not None:
            locked.place = place.strip()
            fields.append("place")
        locked.save(update_fields=fields)
        hooks.emit("meeting_postponed", locked, previous_held_at=previous, reason=reason, by=by)
    return locked


def cancel_problem(*, meeting, reason):
    problem = cancelled_problem(meeting) or _held_problem(meeting)
    if problem:
        return problem
    if not (reason or "").strip():
        return _("Give the reason for the cancellation: every member is told it.")
    return None


def meeting_cancel(*, meeting, by, reason) -> Meeting:
    """Cancel ``meeting``; the row stays (number, notice, agenda), and every member is told why."""
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = _locked(meeting)
        problem = cancel_problem(meeting=locked, reason=reason)
        if problem:
            raise ValidationError(problem, code="cancel")
        locked.cancelled_at, locked.cancelled_by, locked.cancellation_reason = timezone.now(), by, reason
        locked.save(update_fields=["cancelled_at", "cancelled_by", "cancellation_reason"])
        hooks.emit("meeting_cancelled", locked, reason=reason, by=by)
    return locked


def agenda_move(*, item, step: int) -> list:
    """Move ``item`` one place up (``step=-1``) or down (``+1``); returns the agenda in its new order.

    The two neighbours swap their numbers and nothing else changes: a closed item keeps its
    number (the minutes show it there; the database refuses a change), so neither moves past it.
    """
    with transaction.atomic():
        meeting = _locked(item.meeting)
        problem = cancelled_problem(meeting)
        if problem:
            raise ValidationError(problem, code="cancelled")
        items = list(AgendaItem.objects.filter(meeting=meeting).order_by("order", "pk"))
        at = next(i for i, it in enumerate(items) if it.pk == item.pk)
        to = at + (1 if step > 0 else -1)
        if not 0 <= to < len(items):
            return items
        first, second = sorted((items[at], items[to]), key=lambda it: (it.order, it.pk))
        for it in (first, second):
            if it.is_closed:
                raise ValidationError(removal_problem(item=it), code="closed")
        # Equal numbers (typed so in the past) still change places: the later one goes first.
        first.order, second.order = (second.order, first.order) if first.order != second.order else (
            first.order + 1, first.order)
        AgendaItem.objects.bulk_update([first, second], ["order"])
    return sorted(items, key=lambda it: (it.order, it.pk))
