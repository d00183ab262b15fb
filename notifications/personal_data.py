"""What notifications holds about a person (core/personal_data.py): the messages written to them and
their choices of how to hear; and the sweep of old messages. None of it is the record: an erasure
deletes it all.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.personal_data import Source, Sweep, iso, source_register, sweep_register

from .models import Notification, Preference


def notifications_export(user) -> list:
    rows = Notification.objects.filter(recipient=user).order_by("created_at", "pk")
    return [{"subject": n.subject, "message": n.body, "event": n.event, "proposal": n.proposal_id,
             "created": iso(n.created_at), "emailed": iso(n.sent_at), "read": iso(n.read_at)} for n in rows]


def notifications_erase(user) -> int:
    return Notification.objects.filter(recipient=user).delete()[0]


def preferences_export(user) -> list:
    rows = Preference.objects.filter(user=user).order_by("kind")
    return [{"kind": p.kind, "channel": p.channel, "daily_digest": p.digest} for p in rows]


def preferences_erase(user) -> int:
    return Preference.objects.filter(user=user).delete()[0]


def notifications_sweep(before) -> int:
    """Messages written before ``before`` that are done with: e-mailed, given up on, or never to be
    e-mailed. A message still owed to its recipient is kept until it is delivered."""
    done = Q(sent_at__isnull=False) | Q(failed_at__isnull=False) | Q(by_email=False)
    return Notification.objects.filter(done, created_at__lt=before).delete()[0]


def register() -> None:
    source_register(Source("notifications.messages", _("Notifications"), notifications_export,
                           notifications_erase, models=("notifications.Notification",)))
    source_register(Source("notifications.preferences", _("Notification preferences"), preferences_export,
                           preferences_erase, models=("notifications.Preference",)))
    sweep_register(Sweep("notifications", _("Notifications (days after they were written)"), notifications_sweep,
                         default_days=365))
