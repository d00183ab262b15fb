"""The committees' reminders: scores falling due, meetings coming up.

Registered with ``notifications.reminders`` in ``ReviewsConfig.ready()``; Celery
beat runs them with the others (``notifications.tasks.send_reminders``), and
the unique key of each row makes every reminder go out once, however often.
"""

import datetime

from django.utils import timezone, translation

from applications.enums import State
from core.thai import local_date
from notifications.kinds import Kind
from notifications.reminders import threshold
from notifications.services import Batch, language_of, proposal_context

from .meetings.selectors import meeting_date, members_on
from .models import EvaluatorAssignment, Meeting
from .notify import meeting_context

MEETING_DAYS = (3, 1)
SCORES_DAYS = 2


def scores_due_remind(*, now) -> int:
    """Each evaluator whose scores fall due within two days, once per assignment and due date."""
    today = timezone.localtime(now).date()
    written = 0
    qs = EvaluatorAssignment.objects.filter(
        submitted_at__isnull=True, due_on__gte=today, due_on__lte=today + datetime.timedelta(days=SCORES_DAYS),
        proposal__status=State.EVALUATION, evaluator__is_active=True,
    ).select_related("proposal__organisation", "dimension", "evaluator")
    for a in qs:
        left = (a.due_on - today).days
        batch = Batch(event="reminder.scores_due", proposal=a.proposal)

        def context_for(language, a=a, left=left):
            return {**proposal_context(a.proposal), "dimension": str(a.dimension),
                    "due_date": local_date(a.due_on), "days": str(left)}

        batch.add(a.evaluator, Kind.SCORES_DUE, context_for, key=f"scores:{a.pk}:{a.due_on}:{a.evaluator_id}")
        written += len(batch.write())
    return written


def meetings_remind(*, now) -> int:
    """Each member sitting on a meeting, three days and one day before it, with their role."""
    written = 0
    today = timezone.localtime(now).date()
    # A cancelled meeting is reminded of no more (its members were told of the cancellation).
    soon = Meeting.objects.filter(
        held_at__gte=now, held_at__lte=now + datetime.timedelta(days=max(MEETING_DAYS)), cancelled_at__isnull=True,
    )
    for meeting in soon.select_related("body"):
        left = (meeting_date(meeting) - today).days
        days = threshold(left, MEETING_DAYS)
        if days is None or left == 0:  # on the day itself the notice and the calendar suffice
            continue
        batch = Batch(event="reminder.meeting", meeting=meeting)

        def context_for(language, m=meeting, left=left):
            return {**meeting_context(m), "days": str(left)}

        for seat in members_on(meeting.body, meeting_date(meeting)).filter(user__is_active=True):
            with translation.override(language_of(seat.user)):
                role = str(seat.get_role_display())
            key = f"meeting:{meeting.pk}:{meeting.held_at:%Y%m%d%H%M}:{days}:{seat.user_id}"
            batch.add(seat.user, Kind.MEETING_REMINDER, context_for, key=key, extra={"role": role})
        written += len(batch.write())
    return written
