"""Reminders: each sent once, whatever how often the job runs (a unique key in the database)."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from applications.enums import State
from applications.models import Proposal
from notifications import delivery, reminders
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.tasks import send_reminders
from reviews.models import EvaluatorAssignment
from tests import paths
from tests.factories import BodyMembershipFactory, EvaluatorFactory, UserFactory, proponent


def _at(days):
    return timezone.now() + datetime.timedelta(days=days)


def _set(proposal, **fields):
    # Moving the calendar, not the workflow: the state itself came through transition().
    Proposal.objects.filter(pk=proposal.pk).update(**fields)


@pytest.mark.django_db
def test_every_app_registers_its_reminders_and_each_runs():
    # Each app registers its own in its ready(); one lost would silently never remind anyone.
    assert sorted(reminders.run_all()) == ["meeting", "renewal", "revision_deadline", "scores_due"]


@pytest.mark.django_db
def test_revision_deadline_reminders_at_7_and_1_days_each_once():
    proposal = paths.bring_to(State.REVISION_REQUESTED)
    users = proposal.organisation.memberships.count()
    _set(proposal, revision_deadline=timezone.localdate() + datetime.timedelta(days=10))
    assert reminders.run_all()["revision_deadline"] == 0  # too early

    _set(proposal, revision_deadline=timezone.localdate() + datetime.timedelta(days=6))
    assert reminders.run_all()["revision_deadline"] == users
    for _ in range(3):
        assert reminders.run_all()["revision_deadline"] == 0  # the job runs again: nothing new
    _set(proposal, revision_deadline=timezone.localdate() + datetime.timedelta(days=1))
    assert reminders.run_all(now=_at(0))["revision_deadline"] == users
    assert reminders.run_all()["revision_deadline"] == 0

    rows = Notification.objects.filter(kind=Kind.REVISION_DEADLINE, proposal=proposal).order_by("pk")
    assert rows.count() == 2 * users
    assert "อีก 6 วัน" in rows[0].subject and "อีก 1 วัน" in rows[users].subject


@pytest.mark.django_db
def test_the_database_refuses_a_second_reminder_with_the_same_key():
    proposal = paths.bring_to(State.REVISION_REQUESTED)
    _set(proposal, revision_deadline=timezone.localdate() + datetime.timedelta(days=2))
    reminders.run_all()
    row = Notification.objects.filter(kind=Kind.REVISION_DEADLINE).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(recipient=row.recipient, event=row.event, subject="x", body="x", key=row.key)


@pytest.mark.django_db
def test_renewal_reminders_at_90_and_30_days():
    proposal = paths.bring_to(State.CERTIFIED)
    proponent(organisation=proposal.organisation)  # two members: each reminded once
    _set(proposal, valid_until=timezone.localdate() + datetime.timedelta(days=120))
    assert reminders.run_all()["renewal"] == 0
    _set(proposal, valid_until=timezone.localdate() + datetime.timedelta(days=90))
    assert reminders.run_all()["renewal"] == 2
    assert reminders.run_all()["renewal"] == 0
    _set(proposal, valid_until=timezone.localdate() + datetime.timedelta(days=29))
    assert reminders.run_all()["renewal"] == 2
    assert reminders.run_all()["renewal"] == 0
    rows = Notification.objects.filter(kind=Kind.RENEWAL_REMINDER, proposal=proposal)
    assert sorted(rows.values_list("recipient__memberships__organisation", flat=True)) == [proposal.organisation_id] * 4
    proposal.refresh_from_db()
    assert proposal.status == State.CERTIFIED  # a reminder only: expiry is not this job's


@pytest.mark.django_db
def test_meeting_reminders_three_days_ahead_and_the_day_before():
    from reviews.models import Body

    body = Body.objects.get(kind="subcommittee")
    member = UserFactory(preferred_language="en")
    BodyMembershipFactory(body=body, user=member, term_start=timezone.localdate() - datetime.timedelta(days=30))
    meeting = paths.meeting("subcommittee", _at(2) + datetime.timedelta(hours=1))
    assert reminders.run_all()["meeting"] == 1
    assert reminders.run_all()["meeting"] == 0
    meeting.held_at = _at(1)
    meeting.save()
    assert reminders.run_all()["meeting"] == 1
    subjects = list(Notification.objects.filter(kind=Kind.MEETING_REMINDER).values_list("subject", flat=True))
    assert len(subjects) == 2 and all(f"meeting no. {meeting.label}" in s for s in subjects)


@pytest.mark.django_db
def test_evaluator_hears_of_the_assignment_and_once_when_scores_fall_due(tasks_in_process,
                                                                          django_capture_on_commit_callbacks):
    from reviews.evaluation.services import assign_evaluators

    proposal = paths.bring_to(State.EVALUATION)
    evaluator = EvaluatorFactory(preferred_language="en")
    plan = proposal.plans.select_related("dimension").first()
    staff = paths.StaffFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assign_evaluators(proposal=proposal, by=staff, choices={plan.dimension: [evaluator]},
                          due_on=timezone.localdate() + datetime.timedelta(days=2))
    assigned = [m for m in mail.outbox if m.to == [evaluator.email]]
    assert len(assigned) == 1 and assigned[0].subject.startswith(f"[Smart City Thailand] Please evaluate "
                                                                  f"{proposal.reference}")
    assert reminders.run_all()["scores_due"] == 1
    assert reminders.run_all()["scores_due"] == 0
    EvaluatorAssignment.objects.filter(evaluator=evaluator).update(submitted_at=timezone.now())
    assert reminders.run_all()["scores_due"] == 0


@pytest.mark.django_db
def test_the_beat_task_writes_and_delivery_sends_each_reminder_once(tasks_in_process):
    proposal = paths.bring_to(State.REVISION_REQUESTED)
    _set(proposal, revision_deadline=timezone.localdate() + datetime.timedelta(days=7))
    Notification.objects.update(sent_at=timezone.now())
    mail.outbox.clear()
    send_reminders.apply()
    send_reminders.apply()
    delivery.send_pending(None)
    delivery.send_pending(None)
    assert len(mail.outbox) == proposal.organisation.memberships.count()


@pytest.mark.django_db
def test_without_a_broker_the_sweep_command_does_what_beat_does():
    from io import StringIO

    from django.core.management import call_command

    proposal = paths.bring_to(State.REVISION_REQUESTED)
    _set(proposal, revision_deadline=timezone.localdate() + datetime.timedelta(days=1))
    owed = Notification.objects.filter(sent_at__isnull=True).count()
    mail.outbox.clear()
    out = StringIO()
    call_command("notifications_sweep", stdout=out)
    members = proposal.organisation.memberships.count()
    assert f"reminders written {members}, e-mails sent {owed + members}" in out.getvalue()
    assert not Notification.objects.filter(sent_at__isnull=True).exists()
    call_command("notifications_sweep", stdout=out)
    assert len(mail.outbox) == owed + members  # nothing twice
