"""Thin tasks: take ids, call the sender. Delivery is idempotent (rows are claimed), so any task may run twice."""

from celery import current_app, shared_task
from django.utils import timezone

from . import delivery, reminders, webhooks


def _retry_later(task, ids, retry_at):
    # Eager mode (no broker) has no clock to wait on: the periodic sweep retries instead.
    if current_app.conf.task_always_eager or not ids:
        return
    countdown = max((retry_at - timezone.now()).total_seconds(), 1)
    try:
        task.apply_async((ids,), countdown=countdown)
    except Exception:  # noqa: BLE001 (broker down: the sweep finds the rows when they are due)
        pass


@shared_task
def deliver_notifications(ids):
    outcome = delivery.send_pending(ids)
    if outcome.retry_at:
        _retry_later(deliver_notifications, [pk for pk, _ in outcome.retry_at], max(t for _, t in outcome.retry_at))


@shared_task
def deliver_outstanding():
    """The sweep (Celery beat): rows never queued, claims of dead workers, retries that fell due."""
    delivery.send_pending(None, max_rows=20_000)
    webhooks.send_pending(None)


@shared_task
def deliver_webhooks(ids):
    webhooks.send_pending(ids)


@shared_task
def send_reminders():
    """Reminders fall due by the day; the unique key on each row makes running this often harmless."""
    reminders.run_all()


@shared_task
def send_digests():
    delivery.send_digests()
