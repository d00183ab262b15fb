"""Reminders, run by Celery beat as often as it likes: each goes out once.

Each app writes its own reminders (``reviews/tasks.py``, ``monitoring/tasks.py``,
the revision deadline in ``notifications/services.py``) and registers them here
in its ``AppConfig.ready()``; the beat task and the sweep command run them all.

"Once" is the unique ``Notification.key`` (kind, object, date it is about,
threshold, recipient), not the timing of the job: a second run, a run on two
workers at once, or a run after a missed day inserts nothing new. Thresholds
are windows ("7 days or fewer left"), so a day the job did not run is caught
up on the next.
"""

from django.db import transaction
from django.utils import timezone

# name -> job(*, now) -> rows written; filled by the apps' ready(), run in the order registered.
_JOBS = {}


def reminder_register(name, job) -> None:
    """Run ``job(now=...)`` with the other reminders; registering one name again replaces it."""
    _JOBS[name] = job


def threshold(left, thresholds):
    """The smallest threshold ``left`` has reached (7 days left → 7; 1 day left → 1), or None."""
    reached = [t for t in thresholds if left <= t]
    return min(reached) if reached and left >= 0 else None


def run_all(now=None) -> dict:
    """Every reminder due at ``now``; each kind in its own transaction. Returns rows written per kind."""
    now = now or timezone.now()
    counts = {}
    for name, job in _JOBS.items():
        with transaction.atomic():
            counts[name] = job(now=now)
    return counts
