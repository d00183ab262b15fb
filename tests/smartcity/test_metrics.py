"""The outbox gauges read delivery's own limit of attempts, not a copy of it."""

import pytest
from django.utils import timezone

from notifications.models import Notification
from smartcity.metrics import outbox_counts
from tests.factories import UserFactory


@pytest.mark.django_db
def test_the_failed_gauge_counts_the_rows_that_reached_the_limit_delivery_uses(settings):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    user = UserFactory()
    for attempts in (2, 3):
        Notification.objects.create(recipient=user, event="x", subject="s", body="b", attempts=attempts)
    Notification.objects.create(recipient=user, event="x", subject="s", body="b", attempts=3, sent_at=timezone.now())
    assert outbox_counts() == (2, 1)
