"""Delivering the outbox: claim (committed), send, stamp; retry with backoff; fail after the last try.

Why the claim is committed before anything is sent: a worker killed while
sending leaves its rows claimed, not lost; after ``NOTIFICATIONS_CLAIM_TIMEOUT``
the sweep claims them again. Each row is stamped ``sent_at`` in its own commit
right after the SMTP server accepted it, so the only window for a second copy
is a crash between that acceptance and that commit (a few milliseconds per
row); the deterministic Message-ID lets the receiving side drop such a copy.
"""

import datetime
import logging
import smtplib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation

from . import rendering
from .kinds import Kind
from .models import Notification

log = logging.getLogger(__name__)


def _setting(name, default):
    return getattr(settings, name, default)


def max_attempts() -> int:
    return _setting("NOTIFICATIONS_MAX_ATTEMPTS", 6)


def backoff(attempts: int) -> datetime.timedelta:
    """Exponential: base, 2×base, 4×base … after the 1st, 2nd, 3rd failure; capped at six hours."""
    base = _setting("NOTIFICATIONS_RETRY_BASE", 60)
    return datetime.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 6 * 3600))


def claim_timeout() -> datetime.timedelta:
    return datetime.timedelta(seconds=_setting("NOTIFICATIONS_CLAIM_TIMEOUT", 300))


def claimable(model, now, *, done_field):
    """Rows owed and due, not held by a live claim (a claim older than the timeout is a dead worker's)."""
    stale = now - claim_timeout()
    return model.objects.filter(
        **{f"{done_field}__isnull": True}, failed_at__isnull=True, next_attempt_at__lte=now
    ).filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale))


def claim(model, *, done_field, ids=None, limit=100, extra=None) -> list:
    """Claim up to ``limit`` rows in one short transaction; returns their ids.

    ``skip_locked`` lets two workers claim side by side without waiting or
    taking the same row; the claim is committed before the caller sends.
    """
    now = timezone.now()
    with transaction.atomic():
        qs = claimable(model, now, done_field=done_field)
        if extra is not None:
            qs = qs.filter(**extra)
        # Given ids, walk the primary key: ordering by next_attempt_at would lead the planner to
        # scan every owed row (the partial index) to find a handful, slower as the outbox grows.
        if ids is not None:
            qs = qs.filter(pk__in=ids).order_by("pk")
        else:
            qs = qs.order_by("next_attempt_at", "pk")
        pks = list(qs.select_for_update(skip_locked=True).values_list("pk", flat=True)[:limit])
        if pks:
            model.objects.filter(pk__in=pks).update(claimed_at=now, attempts=F("attempts") + 1)
    return pks


def permanent(exc) -> bool:
    """A 5xx reply (mailbox unknown, say) will not change on retry; everything else may."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _msg in exc.recipients.values())
    return isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code >= 500


def record_failure(model, row, exc, *, now=None) -> datetime.datetime | None:
    """After a failed try: schedule the next one, or mark the row failed; returns when to retry."""
    now = now or timezone.now()
    error = f"{type(exc).__name__}: {exc}"[:2000]
    if row.attempts >= max_attempts() or permanent(exc):
        model.objects.filter(pk=row.pk).update(failed_at=now, claimed_at=None, last_error=error)
        log.error("%s %s failed for good after %s attempts: %s", model.__name__, row.pk, row.attempts, error)
        return None
    retry_at = now + backoff(row.attempts)
    model.objects.filter(pk=row.pk).update(next_attempt_at=retry_at, claimed_at=None, last_error=error)
    log.warning("%s %s attempt %s failed, retry at %s: %s", model.__name__, row.pk, row.attempts, retry_at, error)
    return retry_at


def message_for(row) -> EmailMultiAlternatives:
    domain = _setting("NOTIFICATIONS_MESSAGE_ID_DOMAIN", "smartcity.localhost")
    message = EmailMultiAlternatives(
        row.subject, row.body, settings.DEFAULT_FROM_EMAIL, [row.recipient.email],
        headers={"Message-ID": f"<notification-{row.pk}@{domain}>"},
    )
    if row.html_body:
        message.attach_alternative(row.html_body, "text/html")
    return message


@dataclass
class Outcome:
    sent: int = 0
    retry_at: list = field(default_factory=list)


def send_claimed(pks, outcome: Outcome) -> None:
    rows = list(Notification.objects.filter(pk__in=pks).select_related("recipient").order_by("pk"))
    connection = None
    try:
        for row in rows:
            now = timezone.now()
            if not (row.by_email and row.recipient.email):
                # In the portal only: the row itself is the notification.
                Notification.objects.filter(pk=row.pk).update(sent_at=now, claimed_at=None)
                continue
            try:
                if connection is None:
                    connection = get_connection()
                    connection.open()
                connection.send_messages([message_for(row)])
            except Exception as exc:  # the outside world failed: retry later, or give up
                retry_at = record_failure(Notification, row, exc, now=now)
                if retry_at:
                    outcome.retry_at.append((row.pk, retry_at))
                try:
                    if connection is not None:
                        connection.close()
                except Exception:  # noqa: BLE001 (a broken connection is replaced below)
                    pass
                connection = None
                continue
            # Its own commit, at once: narrows the sent-but-not-stamped window to this statement.
            Notification.objects.filter(pk=row.pk).update(sent_at=timezone.now(), claimed_at=None, last_error="")
            outcome.sent += 1
    finally:
        if connection is not None:
            try:
                connection.close()
            except Exception:  # noqa: BLE001
                pass


def send_pending(ids=None, limit=50, max_rows=None) -> Outcome:
    """Deliver owed notifications (the given ids, or any due), batch by batch, until none is left."""
    outcome = Outcome()
    done = 0
    while max_rows is None or done < max_rows:
        pks = claim(Notification, done_field="sent_at", ids=ids, limit=limit, extra={"digest": False})
        if not pks:
            break
        send_claimed(pks, outcome)
        done += len(pks)
    return outcome


def send_digests() -> int:
    """One e-mail per user holding digest rows: their subjects, one a line. Returns e-mails sent."""
    sent = 0
    users = (
        Notification.objects.filter(digest=True, sent_at__isnull=True, failed_at__isnull=True)
        .values_list("recipient_id", flat=True).distinct()
    )
    for user_id in list(users):
        pks = claim(Notification, done_field="sent_at", limit=500, extra={"digest": True, "recipient_id": user_id})
        if not pks:
            continue
        rows = list(Notification.objects.filter(pk__in=pks).select_related("recipient").order_by("created_at"))
        user = rows[0].recipient
        language = rendering.language_of(user)
        context = {
            "recipient_name": user.get_full_name() or user.username,
            "portal_url": rendering.portal_url("/"),
            "count": str(len(rows)),
            "items": "\n".join(f"• {r.subject}" for r in rows),
        }
        with translation.override(language):
            subject, text, html = rendering.render(Kind.DIGEST, language, context)
        domain = _setting("NOTIFICATIONS_MESSAGE_ID_DOMAIN", "smartcity.localhost")
        message = EmailMultiAlternatives(
            subject, text, settings.DEFAULT_FROM_EMAIL, [user.email],
            headers={"Message-ID": f"<digest-{rows[0].pk}-{user.pk}@{domain}>"},
        )
        message.attach_alternative(html, "text/html")
        try:
            message.send()
        except Exception as exc:  # the outside world failed: each row retries on its own schedule
            for row in rows:
                record_failure(Notification, row, exc)
            continue
        Notification.objects.filter(pk__in=pks).update(sent_at=timezone.now(), claimed_at=None, last_error="")
        sent += 1
    return sent
