"""The next meeting of a body certifies (รับรอง) the minutes of an earlier one.

Amendments the meeting makes are corrections (``reviews.corrections``) ordered by the
certifying meeting: the record is never overwritten; the certification names the meeting,
who recorded it, and whether it amended the minutes. All or nothing.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..corrections.services import corrections_record
from ..meetings.permissions import can_record_attendance
from ..models import AgendaItem, Correction, Meeting, MinutesCertification
from .services import SittingError


def to_certify(at_meeting):
    """The meetings of the same body held before ``at_meeting`` whose minutes are not certified yet,
    latest first (the previous meeting is the one usually certified)."""
    return (
        Meeting.objects.filter(body_id=at_meeting.body_id, held_at__lt=at_meeting.held_at, certification__isnull=True)
        .select_related("body").order_by("-held_at", "-pk")
    )


def certify_problem(*, meeting, at_meeting, now=None):
    """Why ``at_meeting`` cannot certify the minutes of ``meeting``, or ``None``."""
    if meeting.body_id != at_meeting.body_id or meeting.held_at >= at_meeting.held_at:
        return _("The minutes are certified by a later meeting of the same body.")
    if at_meeting.held_at > (now or timezone.now()):
        return _("Meeting no. %(label)s has not taken place yet: it certifies the minutes when it meets.") % {
            "label": at_meeting.label}
    if AgendaItem.objects.filter(meeting=meeting, closed_at__isnull=True, resolution__isnull=True).exists():
        return _("An item of meeting no. %(label)s is still open: its minutes are a draft.") % {"label": meeting.label}
    if MinutesCertification.objects.filter(meeting=meeting).exists():
        return _("The minutes of meeting no. %(label)s are already certified.") % {"label": meeting.label}
    return None


def minutes_certify(*, meeting, at_meeting, by, note="", amendments=()) -> MinutesCertification:
    """Record that ``at_meeting`` certified the minutes of ``meeting``; ``amendments`` are
    ``(target, {field: value}, reason)`` recorded as corrections ordered by ``at_meeting``."""
    if not can_record_attendance(by, at_meeting):
        raise SittingError(_("Only the secretary of the body or the Office records the certification."),
                           code="forbidden")
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        problem = certify_problem(meeting=meeting, at_meeting=at_meeting)
        if problem:
            raise SittingError(problem, code="invalid")
        for target, values, reason in amendments:
            corrections_record(target=target, values=values, reason=reason, by=by, meeting=at_meeting)
        amended = bool(amendments) or Correction.objects.filter(ordered_by=at_meeting).exists()
        return MinutesCertification.objects.create(
            meeting=meeting, certified_at=at_meeting, amended=amended, note=(note or "").strip(), by=by,
        )
