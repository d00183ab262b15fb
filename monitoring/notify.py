"""Notifications of a report's steps: outbox rows written in the caller's transaction.

Same shape as ``notifications.services.notify_status_change`` (one row per
recipient, in the recipient's language, delivered after commit), kept here so
that the notifications app needs no change for reports.
"""

import logging

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from accounts.models import User
from notifications.models import Notification

log = logging.getLogger(__name__)


def _recipients(proposal, audiences):
    users = User.objects.none()
    if "proponents" in audiences:
        users |= User.objects.filter(memberships__organisation_id=proposal.organisation_id)
    if "staff" in audiences:
        users |= User.objects.filter(is_office_staff=True)
    return users.filter(is_active=True).distinct().order_by("pk")


def _enqueue(ids):
    from notifications.tasks import deliver_notifications

    try:
        deliver_notifications.delay(ids)
    except Exception as exc:  # broker down: the rows wait in the outbox for the periodic sweep
        log.warning("notifications %s queued for the sweep: broker unavailable (%s)", ids, exc)


def report_event(event, *, audiences) -> list:
    report = event.report
    proposal = report.proposal
    rows = []
    for user in _recipients(proposal, audiences):
        with translation.override(user.preferred_language or "th"):
            context = {"event": event, "report": report, "proposal": proposal, "recipient": user}
            subject = render_to_string("monitoring/notify_subject.txt", context)
            body = render_to_string("monitoring/notify_body.txt", context)
        rows.append(
            Notification(
                recipient=user,
                event=f"report.{event.action}",
                proposal=proposal,
                subject=" ".join(subject.split())[:255],
                body=body.strip(),
            )
        )
    created = Notification.objects.bulk_create(rows)
    ids = [n.pk for n in created]
    if ids:
        transaction.on_commit(lambda: _enqueue(ids))
    return created


def renewal_window_open(proposal, *, opens) -> list:
    """Tell the city's proponents, once per term, that they may now apply for renewal."""
    rows = []
    event = f"renewal.open.{proposal.valid_until.isoformat()}"
    for user in _recipients(proposal, ("proponents",)):
        with translation.override(user.preferred_language or "th"):
            context = {"proposal": proposal, "recipient": user, "opens": opens}
            subject = render_to_string("monitoring/renewal_subject.txt", context)
            body = render_to_string("monitoring/renewal_body.txt", context)
        rows.append(
            Notification(
                recipient=user,
                event=event,
                proposal=proposal,
                subject=" ".join(subject.split())[:255],
                body=body.strip(),
            )
        )
    created = Notification.objects.bulk_create(rows)
    ids = [n.pk for n in created]
    if ids:
        transaction.on_commit(lambda: _enqueue(ids))
    return created
