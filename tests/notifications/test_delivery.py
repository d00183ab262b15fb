"""Who hears what, in which language; the claim, the backoff, the failure and the re-send."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from applications.enums import State
from applications.workflow import transition
from notifications import delivery
from notifications.kinds import Kind
from notifications.models import Notification
from tests import paths
from tests.factories import StaffFactory, UserFactory, proponent

SENDS = []


class FailingBackend(BaseEmailBackend):
    """The SMTP server refusing for now (a 4xx): the outside world, so a stand-in is fair."""

    def send_messages(self, messages):
        SENDS.append(len(messages))
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        SENDS.append(len(messages))
        raise smtplib.SMTPRecipientsRefused({messages[0].to[0]: (550, b"No such user")})


@pytest.mark.django_db
def test_a_move_reaches_thai_and_english_proponents_by_mail_and_in_app_each_in_their_language(
    client, django_capture_on_commit_callbacks, tasks_in_process
):
    proposal = paths.bring_to(State.SCREENING)
    thai = proposal.organisation.memberships.get().user
    thai.first_name, thai.last_name = "สมชาย", "ใจดี"
    thai.save()
    english = proponent(organisation=proposal.organisation, preferred_language="en", email="en@example.go.th")
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        transition(proposal, "return_for_revision", by=StaffFactory(), note="แก้ไขแผนด้านสิ่งแวดล้อม",
                   deadline=deadline)

    by_to = {m.to[0]: m for m in mail.outbox}
    th_mail, en_mail = by_to[thai.email], by_to[english.email]
    be = f"{deadline.day} " in th_mail.body and str(deadline.year + 543) in th_mail.body
    assert be, th_mail.body  # the deadline in the Buddhist Era
    assert th_mail.subject.startswith("[เมืองอัจฉริยะประเทศไทย]") and "ขอให้แก้ไข" in th_mail.subject
    assert th_mail.body.startswith("เรียน สมชาย ใจดี")
    assert "แก้ไขแผนด้านสิ่งแวดล้อม" in th_mail.body
    assert en_mail.subject.startswith("[Smart City Thailand]") and "revision requested by" in en_mail.subject
    assert deadline.strftime("%B") in en_mail.body and str(deadline.year) in en_mail.body
    # Text and an HTML alternative, with a Message-ID the receiver can drop a repeat by.
    assert en_mail.alternatives[0].mimetype == "text/html" and "<p>" in en_mail.alternatives[0].content
    assert en_mail.extra_headers["Message-ID"].startswith("<notification-")

    client.force_login(english)
    page = client.get("/notifications/").content.decode()
    assert en_mail.subject in page.replace("&amp;", "&")
    client.force_login(thai)
    page = client.get("/notifications/").content.decode()
    assert th_mail.subject.split("]")[0][1:] in page


@pytest.mark.django_db
def test_office_hears_of_new_submissions_and_answered_revisions_as_such(django_capture_on_commit_callbacks,
                                                                          tasks_in_process):
    staff = StaffFactory(preferred_language="en")
    proposal = paths.bring_to(State.REVISION_REQUESTED)
    with django_capture_on_commit_callbacks(execute=True):
        change = transition(proposal, "resubmit", by=proposal.organisation.memberships.get().user)
    row = Notification.objects.get(status_change=change, recipient=staff)
    assert row.kind == Kind.REVISION_ANSWERED and row.subject.startswith("[Smart City Thailand] Revision handed in")
    proponents = Notification.objects.filter(status_change=change).exclude(recipient__is_office_staff=True)
    assert {n.kind for n in proponents} == {Kind.STATUS_CHANGE}
    first = paths.bring_to(State.SUBMITTED, walk=True)
    submitted = Notification.objects.get(status_change__proposal=first, status_change__action="submit",
                                         recipient=staff)
    assert submitted.kind == Kind.NEW_SUBMISSION and "New submission to screen" in submitted.subject


@pytest.mark.django_db
def test_office_tells_a_plan_hand_in_from_a_new_submission_by_its_subject(django_capture_on_commit_callbacks,
                                                                          tasks_in_process):
    staff = StaffFactory(preferred_language="en")
    thai_staff = StaffFactory(preferred_language="th")
    proposal = paths.bring_to(State.PROMOTION_ZONE, walk=True)
    submitted = Notification.objects.get(status_change__proposal=proposal, status_change__action="submit",
                                         recipient=staff)
    with django_capture_on_commit_callbacks(execute=True):
        change = transition(proposal, "submit_plan", by=proposal.organisation.memberships.get().user)
    plan = Notification.objects.get(status_change=change, recipient=staff)
    assert plan.kind == Kind.PLAN_HANDED_IN
    assert plan.subject == f"[Smart City Thailand] Detailed plan handed in for evaluation: {proposal.reference}"
    assert submitted.subject == f"[Smart City Thailand] New submission to screen: {proposal.reference}"
    assert Notification.objects.get(status_change=change, recipient=thai_staff).subject == (
        f"[เมืองอัจฉริยะประเทศไทย] ส่งแผนรายละเอียดแล้ว รอประเมิน: {proposal.reference}"
    )
    proponents = Notification.objects.filter(status_change=change).exclude(recipient__is_office_staff=True)
    assert {n.kind for n in proponents} == {Kind.STATUS_CHANGE}


@pytest.mark.django_db
def test_a_failing_smtp_server_is_retried_with_growing_waits_then_the_row_is_marked_failed(settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_delivery.FailingBackend"
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 4
    settings.NOTIFICATIONS_RETRY_BASE = 60
    SENDS.clear()
    proposal = paths.bring_to(State.SCREENING)
    change = transition(proposal, "declare_zone", by=StaffFactory())
    row = Notification.objects.get(status_change=change)

    waits = []
    for attempt in range(1, 5):
        before = timezone.now()
        delivery.send_pending([row.pk])
        row.refresh_from_db()
        assert row.attempts == attempt
        assert "SMTPServerDisconnected: Connection unexpectedly closed" in row.last_error
        if attempt < 4:
            assert row.failed_at is None and row.sent_at is None
            waits.append(round((row.next_attempt_at - before).total_seconds() / 60))
            # Not due yet: another run leaves it alone.
            delivery.send_pending([row.pk])
            row.refresh_from_db()
            assert row.attempts == attempt
            # Time passes (the clock is ours to move; the SMTP server is not).
            Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    assert waits == [1, 2, 4]  # minutes: exponential
    assert row.failed_at is not None and row.sent_at is None
    assert len(SENDS) == 4
    # Failed for good: never tried again, even when it would be due.
    Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    delivery.send_pending([row.pk])
    assert len(SENDS) == 4


@pytest.mark.django_db
def test_a_mailbox_that_does_not_exist_fails_at_once_and_staff_can_send_it_again(
    settings, client, django_capture_on_commit_callbacks, tasks_in_process
):
    settings.EMAIL_BACKEND = "tests.notifications.test_delivery.RefusingBackend"
    SENDS.clear()
    proposal = paths.bring_to(State.SCREENING)
    change = transition(proposal, "declare_zone", by=StaffFactory())
    row = Notification.objects.get(status_change=change)
    delivery.send_pending([row.pk])
    row.refresh_from_db()
    assert row.failed_at and row.attempts == 1 and "550" in row.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    admin = UserFactory(is_superuser=True, is_staff=True, is_office_staff=True)
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/notifications/notification/?delivered=failed",
            {"action": "resend_failed", "_selected_action": [row.pk]},
        )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.sent_at and not row.failed_at and row.last_error == ""
    assert [m.to[0] for m in mail.outbox] == [row.recipient.email]


@pytest.mark.django_db
def test_a_claim_is_exclusive_until_it_times_out(settings):
    settings.NOTIFICATIONS_CLAIM_TIMEOUT = 300
    proposal = paths.bring_to(State.SCREENING)
    change = transition(proposal, "declare_zone", by=StaffFactory())
    ids = list(Notification.objects.filter(status_change=change).values_list("pk", flat=True))
    first = delivery.claim(Notification, done_field="sent_at", ids=ids)
    assert sorted(first) == sorted(ids)
    assert delivery.claim(Notification, done_field="sent_at", ids=ids) == []  # held by a live worker
    # The worker died: after the timeout its claim is taken again.
    Notification.objects.filter(pk__in=ids).update(claimed_at=timezone.now() - datetime.timedelta(seconds=301))
    assert sorted(delivery.claim(Notification, done_field="sent_at", ids=ids)) == sorted(ids)
    assert set(Notification.objects.filter(pk__in=ids).values_list("attempts", flat=True)) == {2}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_claiming_at_once_never_share_a_row(on_postgres):
    import threading

    from django.db import connection

    proposal = paths.bring_to(State.SCREENING)
    for _ in range(20):
        transition(proposal, "return_for_revision", by=StaffFactory(), note="x",
                   deadline=timezone.localdate() + datetime.timedelta(days=9))
        transition(proposal, "resubmit", by=proposal.organisation.memberships.first().user)
    Notification.objects.update(claimed_at=None, sent_at=None, attempts=0)
    total = Notification.objects.count()
    got, barrier = [], threading.Barrier(2)

    def worker():
        barrier.wait()
        while pks := delivery.claim(Notification, done_field="sent_at", limit=5):
            got.extend(pks)
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == len(set(got)) == total
