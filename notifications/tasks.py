"""Thin tasks: load by id, call the sender. Delivery is idempotent."""

from celery import shared_task

from .delivery import send_pending


@shared_task(bind=True, max_retries=5, default_retry_delay=30, retry_backoff=True)
def deliver_notifications(self, ids):
    send_pending(ids)


@shared_task
def deliver_outstanding():
    """Sweep the outbox for rows a crash or an outage left unsent."""
    send_pending(None)
