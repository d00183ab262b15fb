"""A move's notifications reach a real Celery worker through Redis, after commit."""

import os
import time

import pytest
from django.core import mail

from applications.enums import State
from applications.workflow import transition
from notifications.models import Notification
from tests import paths
from tests.factories import StaffFactory


@pytest.fixture
def celery_worker_on_redis(settings):
    if not settings.CELERY_BROKER_URL:
        if os.environ.get("CI"):
            pytest.fail("CI must run the worker test: set CELERY_BROKER_URL=redis://...")
        pytest.skip("needs CELERY_BROKER_URL (Redis); CI sets it")
    from celery.contrib.testing.worker import start_worker

    from smartcity.celery import app

    was = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
            yield
    finally:
        app.conf.task_always_eager = was


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_worker_delivers_move_notifications_after_commit(on_postgres, celery_worker_on_redis):
    proposal = paths.bring_to(State.SCREENING)
    members = sorted(proposal.organisation.memberships.values_list("user__email", flat=True))

    change = transition(proposal, "declare_zone", by=StaffFactory())

    deadline = time.monotonic() + 20
    pending = Notification.objects.filter(status_change=change, sent_at__isnull=True)
    while pending.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not pending.exists()
    # Earlier moves' mails may arrive too; count the ones for this move.
    subjects = set(Notification.objects.filter(status_change=change).values_list("subject", flat=True))
    assert sorted(m.to[0] for m in mail.outbox if m.subject in subjects) == members


@pytest.mark.django_db
def test_sweep_delivers_rows_left_in_the_outbox():
    from notifications.tasks import deliver_outstanding

    proposal = paths.bring_to(State.SCREENING)
    # No commit happens inside this test's transaction, so nothing was queued:
    # exactly the situation after a crash between commit and delivery.
    change = transition(proposal, "declare_zone", by=StaffFactory())
    waiting = Notification.objects.filter(status_change=change, sent_at__isnull=True)
    assert waiting.count() == proposal.organisation.memberships.count()
    mail.outbox.clear()
    deliver_outstanding.apply()
    assert not waiting.exists()
    # Exactly the rows left waiting: each to its recipient, with its own subject.
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == sorted(
        Notification.objects.filter(status_change=change).values_list("recipient__email", "subject"))
    assert len(mail.outbox) == proposal.organisation.memberships.count()
    # Delivered once: a second sweep sends nothing more.
    sent = len(mail.outbox)
    deliver_outstanding.apply()
    assert len(mail.outbox) == sent


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_worker_delivers_each_recipient_their_own_language_by_mail_and_in_app(on_postgres, celery_worker_on_redis,
                                                                               client):
    from tests.factories import proponent

    proposal = paths.bring_to(State.SCREENING)
    thai = proposal.organisation.memberships.get().user
    english = proponent(organisation=proposal.organisation, preferred_language="en", email="en@example.go.th")
    change = transition(proposal, "declare_zone", by=StaffFactory())

    pending = Notification.objects.filter(status_change=change, sent_at__isnull=True)
    deadline = time.monotonic() + 20
    while pending.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not pending.exists()
    th_mail = next(m for m in mail.outbox if m.to == [thai.email] and proposal.reference in m.subject
                   and "เขตส่งเสริม" in m.subject)
    en_mail = next(m for m in mail.outbox if m.to == [english.email])
    assert th_mail.subject.startswith("[เมืองอัจฉริยะประเทศไทย]") and th_mail.body.startswith("เรียน ")
    assert en_mail.subject.startswith("[Smart City Thailand]") and "Promotion zone" in en_mail.subject
    assert en_mail.body.startswith("Dear ")
    client.force_login(english)
    assert en_mail.subject in client.get("/notifications/").content.decode()
    client.force_login(thai)
    assert th_mail.subject in client.get("/notifications/").content.decode()
