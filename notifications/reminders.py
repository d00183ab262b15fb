"""Reminders, run by Celery beat as often as it likes: each goes out once.

"Once" is the unique ``Notification.key`` (kind, object, date it is about,
threshold, recipient), not the timing of the job: a second run, a run on two
workers at once, or a run after a missed day inserts nothing new. Thresholds
are windows ("7 days or fewer left"), so a day the job did not run is caught
up on the next.
"""

import datetime

from django.db import transaction
from django.utils import timezone, translation

from accounts.models import User
from applications.enums import State
from applications.models import Proposal
from core.thai import local_date

from .kinds import Kind
from .services import Batch, language_of, meeting_context, proposal_context

REVISION_DAYS = (7, 1)
MEETING_DAYS = (3, 1)
RENEWAL_DAYS = (90, 30)
SCORES_DAYS = 2


def _threshold(left, thresholds):
    """The smallest threshold ``left`` has reached (7 days left → 7; 1 day left → 1), or None."""
    reached = [t for t in thresholds if left <= t]
    return min(reached) if reached and left >= 0 else None


def _proponents(proposal):
    return User.objects.filter(memberships__organisation_id=proposal.organisation_id, is_active=True).distinct()


def revision_deadlines(today) -> int:
    written = 0
    qs = Proposal.objects.filter(status=State.REVISION_REQUESTED, revision_deadline__gte=today).select_related(
        "organisation"
    )
    for proposal in qs:
        left = (proposal.revision_deadline - today).days
        days = _threshold(left, REVISION_DAYS)
        if days is None:
            continue
        batch = Batch(event="reminder.revision_deadline", proposal=proposal)

        def context_for(language, p=proposal, left=left):
            return {**proposal_context(p), "deadline": local_date(p.revision_deadline), "days": str(left)}

        for user in _proponents(proposal):
            key = f"revision:{proposal.pk}:{proposal.revision_deadline}:{days}:{user.pk}"
            batch.add(user, Kind.REVISION_DEADLINE, context_for, key=key)
        written += len(batch.write())
    return written


def renewals(today) -> int:
    written = 0
    # Areas loaded from the public record state no validity of their own: nothing to remind.
    qs = Proposal.objects.filter(
        status=State.CERTIFIED, valid_until__gte=today, public_record__isnull=True
    ).select_related("organisation")
    for proposal in qs.filter(valid_until__lte=today + datetime.timedelta(days=max(RENEWAL_DAYS))):
        left = (proposal.valid_until - today).days
        days = _threshold(left, RENEWAL_DAYS)
        if days is None:
            continue
        batch = Batch(event="reminder.renewal", proposal=proposal)

        def context_for(language, p=proposal, left=left):
            return {**proposal_context(p), "valid_until": local_date(p.valid_until), "days": str(left)}

        for user in _proponents(proposal):
            batch.add(user, Kind.RENEWAL_REMINDER, context_for, key=f"renewal:{proposal.pk}:{proposal.valid_until}:"
                      f"{days}:{user.pk}")
        written += len(batch.write())
    return written


def scores_due(today) -> int:
    from reviews.models import EvaluatorAssignment

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


def meetings(now) -> int:
    from reviews.meetings.selectors import meeting_date, members_on
    from reviews.models import Meeting

    written = 0
    today = timezone.localtime(now).date()
    soon = Meeting.objects.filter(held_at__gte=now, held_at__lte=now + datetime.timedelta(days=max(MEETING_DAYS)))
    for meeting in soon.select_related("body"):
        left = (meeting_date(meeting) - today).days
        days = _threshold(left, MEETING_DAYS)
        if days is None or left == 0:  # on the day itself the notice and the calendar suffice
            continue
        batch = Batch(event="reminder.meeting")

        def context_for(language, m=meeting, left=left):
            return {**meeting_context(m), "days": str(left)}

        for seat in members_on(meeting.body, meeting_date(meeting)).filter(user__is_active=True):
            with translation.override(language_of(seat.user)):
                role = str(seat.get_role_display())
            key = f"meeting:{meeting.pk}:{meeting.held_at:%Y%m%d%H%M}:{days}:{seat.user_id}"
            batch.add(seat.user, Kind.MEETING_REMINDER, context_for, key=key, extra={"role": role})
        written += len(batch.write())
    return written


def run_all(now=None) -> dict:
    """Every reminder due at ``now``; each kind in its own transaction. Returns rows written per kind."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    counts = {}
    for name, job, arg in (
        ("revision_deadline", revision_deadlines, today),
        ("renewal", renewals, today),
        ("scores_due", scores_due, today),
        ("meeting", meetings, now),
    ):
        with transaction.atomic():
            counts[name] = job(arg)
    return counts
