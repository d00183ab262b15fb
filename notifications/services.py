"""Writing notifications: always inside the caller's transaction (the outbox)."""

import logging

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from accounts.models import User

from .models import Notification

log = logging.getLogger(__name__)


def _enqueue(ids):
    from .tasks import deliver_notifications

    try:
        deliver_notifications.delay(ids)
    except Exception as exc:  # broker down: the rows wait in the outbox for the periodic sweep
        log.warning("notifications %s queued for the sweep: broker unavailable (%s)", ids, exc)


def _recipients(proposal, audiences):
    users = User.objects.none()
    if "proponents" in audiences:
        users |= User.objects.filter(memberships__organisation_id=proposal.organisation_id)
    if "staff" in audiences:
        users |= User.objects.filter(is_office_staff=True)
    return users.filter(is_active=True).distinct().order_by("pk")


def notify_status_change(change, *, audiences) -> list:
    """One outbox row per recipient, in the recipient's language; delivered after commit."""
    proposal = change.proposal
    rows = []
    for user in _recipients(proposal, audiences):
        with translation.override(user.preferred_language or "th"):
            context = {"change": change, "proposal": proposal, "recipient": user}
            subject = render_to_string("notifications/status_change_subject.txt", context)
            body = render_to_string("notifications/status_change_body.txt", context)
        rows.append(
            Notification(
                recipient=user, event=f"proposal.{change.action}", proposal=proposal,
                status_change=change, subject=" ".join(subject.split())[:255], body=body.strip(),
            )
        )
    created = Notification.objects.bulk_create(rows)
    ids = [n.pk for n in created]
    if ids:
        # After commit: the worker must find the rows, and a rolled-back move sends nothing.
        transaction.on_commit(lambda: _enqueue(ids))
    return created
