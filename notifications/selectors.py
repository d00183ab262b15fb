"""Reads scoped to the user: nobody sees another's notifications (a stranger's id is a 404)."""

from django.shortcuts import get_object_or_404

from .kinds import LEGAL, PREFERENCE_KINDS
from .models import Notification, Preference
from .services import channels


def inbox(user):
    # The meeting's number and whether it was cancelled are filled in per page (notifications.subjects).
    return Notification.objects.filter(recipient=user, in_app=True).only(
        "pk", "subject", "body", "created_at", "read_at", "proposal_id", "event", "kind", "meeting_id",
    )


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, in_app=True, read_at__isnull=True).count()


def notification_of(user, pk) -> Notification:
    return get_object_or_404(inbox(user), pk=pk)


def preferences_of(user) -> list:
    """One line per kind: (kind, by_email, in_app, digest, locked), the stored choice or the default."""
    stored = {p.kind: p for p in Preference.objects.filter(user=user)}
    lines = []
    for kind in PREFERENCE_KINDS:
        by_email, in_app, digest = channels(kind, stored.get(kind))
        lines.append((kind, by_email, in_app, digest, kind in LEGAL))
    return lines
