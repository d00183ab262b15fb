import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import Notification

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8


def send_pending(ids=None, limit=200) -> int:
    """E-mail unsent notifications (the given ids, or any); returns how many were sent.

    Each row is claimed under a row lock (skipping rows another worker holds)
    and stamped in the same transaction as the send, so no row goes out twice
    from two workers, and a failed send leaves it unsent for the next sweep.
    """
    qs = Notification.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    sent = 0
    for pk in list(qs.order_by("created_at").values_list("pk", flat=True)[:limit]):
        with transaction.atomic():
            row = (
                Notification.objects.select_for_update(skip_locked=True)
                .select_related("recipient")
                .filter(pk=pk, sent_at__isnull=True)
                .first()
            )
            if row is None:
                continue
            row.attempts += 1
            if not row.recipient.email:
                row.sent_at = timezone.now()  # in-app only: nothing to e-mail
                row.save(update_fields=["attempts", "sent_at"])
                continue
            try:
                send_mail(row.subject, row.body, settings.DEFAULT_FROM_EMAIL, [row.recipient.email])
            except Exception as exc:  # any SMTP failure: keep the row for a retry
                log.warning("notification %s not sent: %s", row.pk, exc)
                row.last_error = str(exc)[:2000]
                row.save(update_fields=["attempts", "last_error"])
                continue
            row.sent_at = timezone.now()
            row.last_error = ""
            row.save(update_fields=["attempts", "sent_at", "last_error"])
            sent += 1
    return sent
