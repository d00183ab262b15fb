"""Writing notifications: always inside the caller's transaction (the outbox)."""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from accounts.models import User

from .models import Notification


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
        from .tasks import deliver_notifications

        transaction.on_commit(lambda: deliver_notifications.delay(ids))
    return created
