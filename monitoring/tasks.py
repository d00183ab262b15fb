"""The nightly job: certificates whose validity has ended without renewal expire; and the renewal reminders.

``renewals_remind`` is registered with ``notifications.reminders`` in
``MonitoringConfig.ready()`` and runs with the other reminders.
"""

import datetime
import logging

from celery import shared_task
from django.utils import timezone

from applications.enums import Action, State
from applications.guards import RENEWAL_WINDOW_DAYS
from applications.models import Proposal
from applications.workflow import TransitionError, transition
from core.thai import local_date
from notifications.kinds import Kind
from notifications.reminders import threshold
from notifications.services import Batch, proposal_context, proposal_recipients

log = logging.getLogger(__name__)

RENEWAL_DAYS = (90, 30)


def lapsed_certificates(today=None):
    """Certified cities past their end date.

    Left out: cities whose renewal application is being considered (state
    ``renewal``: they applied in time; the Office renews or expires them), and
    certificates loaded from the public record, whose validity the record does
    not state (the date the portal computed for them is not theirs to lose).
    """
    today = today or timezone.localdate()
    return Proposal.objects.filter(status=State.CERTIFIED, valid_until__lt=today, public_record__isnull=True).order_by(
        "valid_until", "pk"
    )


@shared_task(name="monitoring.tasks.expire_certificates")
def expire_certificates() -> int:
    """Expire each lapsed certificate once, by the system, through the one workflow.

    Running twice (or two workers at once) expires nothing twice: transition()
    locks the row and refuses the move from a state that is already expired.
    """
    expired = 0
    for proposal in lapsed_certificates():
        until = proposal.valid_until
        try:
            transition(
                proposal,
                Action.EXPIRE,
                by=None,
                note=f"ใบรับรองสิ้นสุดเมื่อ {until.isoformat()} โดยไม่ได้ต่ออายุ (Certificate ended without renewal)",
            )
        except TransitionError as exc:  # moved meanwhile (renewed, revoked, expired by another run)
            log.info("expiry of %s skipped: %s", proposal.pk, exc.message)
        else:
            expired += 1
    return expired


def renewal_window_opened(today=None):
    """Certified cities whose 90 days to apply for renewal have begun (record-loaded ones aside)."""
    today = today or timezone.localdate()
    return Proposal.objects.filter(
        status=State.CERTIFIED,
        public_record__isnull=True,
        valid_until__gte=today,
        valid_until__lte=today + datetime.timedelta(days=RENEWAL_WINDOW_DAYS),
    ).order_by("valid_until", "pk")


def renewals_remind(*, now) -> int:
    """Proponents of a certified city, 90 and 30 days before its certificate ends."""
    today = timezone.localtime(now).date()
    written = 0
    # Areas loaded from the public record state no validity of their own: nothing to remind.
    qs = Proposal.objects.filter(
        status=State.CERTIFIED, valid_until__gte=today, public_record__isnull=True
    ).select_related("organisation")
    for proposal in qs.filter(valid_until__lte=today + datetime.timedelta(days=max(RENEWAL_DAYS))):
        left = (proposal.valid_until - today).days
        days = threshold(left, RENEWAL_DAYS)
        if days is None:
            continue
        batch = Batch(event="reminder.renewal", proposal=proposal)

        def context_for(language, p=proposal, left=left):
            return {**proposal_context(p), "valid_until": local_date(p.valid_until), "days": str(left)}

        for user in proposal_recipients(proposal, {"proponents"}):
            batch.add(user, Kind.RENEWAL_REMINDER, context_for, key=f"renewal:{proposal.pk}:{proposal.valid_until}:"
                      f"{days}:{user.pk}")
        written += len(batch.write())
    return written
