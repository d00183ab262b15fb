"""The retention sweep: sign-ins, notifications and unused invitations older than the Office's periods go."""

import datetime
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, Membership
from notifications.models import Notification
from privacy.models import RetentionPeriod, SignInEvent
from privacy.services import retention_set
from privacy.tasks import retention_sweep
from tests.factories import StaffFactory, proponent

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def aged(model, days, **fields):
    row = model.objects.create(**fields)
    field = {"SignInEvent": "at", "Notification": "created_at", "Invitation": "created_at"}[model.__name__]
    model.objects.filter(pk=row.pk).update(**{field: timezone.now() - days * DAY})
    return row


def test_sweep_deletes_what_is_older_than_the_periods_and_keeps_the_rest():
    user = proponent()
    org = Membership.objects.get(user=user).organisation
    retention_set(key="sign_ins", days=30)
    retention_set(key="notifications", days=60)
    retention_set(key="invitations", days=30)
    old_sign_in, new_sign_in = aged(SignInEvent, 31, user=user), aged(SignInEvent, 29, user=user)
    sent = dict(recipient=user, event="x", subject="s", body="b", sent_at=timezone.now())
    old_note, new_note = aged(Notification, 61, **sent), aged(Notification, 59, **sent)
    owed = aged(Notification, 61, recipient=user, event="x", subject="s", body="b")  # never e-mailed yet
    unused = Invitation.objects.create(organisation=org, email="a@example.go.th", invited_by=user,
                                       expires_at=timezone.now() - 31 * DAY)
    fresh = Invitation.objects.create(organisation=org, email="b@example.go.th", invited_by=user,
                                      expires_at=timezone.now() - 29 * DAY)
    out = StringIO()
    call_command("privacy_retention", stdout=out)
    assert out.getvalue().splitlines() == ["invitations: 1 deleted", "notifications: 1 deleted", "sign_ins: 1 deleted"]
    assert set(SignInEvent.objects.values_list("pk", flat=True)) == {new_sign_in.pk}
    assert set(Notification.objects.values_list("pk", flat=True)) == {new_note.pk, owed.pk}
    assert set(Invitation.objects.values_list("pk", flat=True)) == {fresh.pk}
    assert not Notification.objects.filter(pk=old_note.pk).exists() and not SignInEvent.objects.filter(
        pk=old_sign_in.pk).exists() and not Invitation.objects.filter(pk=unused.pk).exists()


def test_task_uses_the_default_periods_without_staff_settings():
    user = proponent()
    aged(SignInEvent, 181, user=user)
    kept = aged(SignInEvent, 179, user=user)
    assert retention_sweep() == {"invitations": 0, "notifications": 0, "sign_ins": 1}
    assert list(SignInEvent.objects.values_list("pk", flat=True)) == [kept.pk]


def test_beat_runs_the_sweep_each_night():
    assert settings.CELERY_BEAT_SCHEDULE["privacy-retention-sweep"]["task"] == "privacy.tasks.retention_sweep"


def test_office_sets_the_periods_on_its_page(client):
    client.force_login(StaffFactory())
    response = client.post(reverse("privacy-retention"), {"sign_ins": 90, "notifications": 400, "invitations": 10})
    assert response.status_code == 200  # 10 days is under the minimum
    assert not RetentionPeriod.objects.exists()
    client.post(reverse("privacy-retention"), {"sign_ins": 90, "notifications": 400, "invitations": 60})
    assert dict(RetentionPeriod.objects.values_list("key", "days")) == {
        "sign_ins": 90, "notifications": 400, "invitations": 60}
    client.force_login(proponent())
    assert client.get(reverse("privacy-retention")).status_code == 404
