"""Nothing is lost when the worker dies or Redis goes away: real worker subprocesses, a private Redis.

Both tests run against PostgreSQL (row locks, skip_locked) and start their own
redis-server; the shared Redis of the machine is never touched.
"""

import collections
import datetime
import signal  # noqa: F401 (SIGKILL is what Worker.kill sends)

import pytest
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from applications.enums import State
from applications.workflow import transition
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.services import Batch
from reviews.notify import meeting_context
from tests import paths
from tests.factories import StaffFactory

from .procs import Worker, app_on_broker, mailed_ids, need, private_redis, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def postgres_required(on_postgres):
    from django.db import connection

    need(connection.vendor == "postgresql", "needs PostgreSQL")


def _batch_of(n_users, per_user):
    """``n_users × per_user`` outbox rows, written in one transaction as a meeting's members' would be."""
    users = User.objects.bulk_create(
        [User(username=f"member{i}", email=f"member{i}@example.go.th",
              preferred_language="en" if i % 2 else "th") for i in range(n_users)]
    )
    meeting = paths.meeting("subcommittee", timezone.now() + datetime.timedelta(days=10))
    with transaction.atomic():
        batch = Batch(event="meeting.minutes")
        for _ in range(per_user):
            for user in users:
                batch.add(user, Kind.MINUTES, lambda language: meeting_context(meeting), extra={"role": "—"})
        rows = batch.write()
    return [r.pk for r in rows]


def test_worker_killed_mid_batch_then_restarted_delivers_every_one_of_1000(postgres_required, tmp_path):
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    log = tmp_path / "worker.log"
    with private_redis(tmp_path) as redis, app_on_broker(redis.url):
        worker = Worker(broker_url=redis.url, mail_dir=mail_dir, log=log, claim_timeout=3).start()
        try:
            ids = _batch_of(100, 10)
            assert len(ids) == 1000
            sent = Notification.objects.filter(pk__in=ids, sent_at__isnull=False)
            assert wait_for(lambda: sent.count() >= 230, 90, step=0.01), log.read_text()[-3000:]
            worker.kill()
            at_kill = sent.count()
            in_flight = set(
                Notification.objects.filter(pk__in=ids, sent_at__isnull=True, claimed_at__isnull=False)
                .values_list("pk", flat=True)
            )
            # Killed in the middle: some sent, some claimed by the dead worker, some not yet claimed.
            assert 230 <= at_kill < 1000

            worker = Worker(broker_url=redis.url, mail_dir=mail_dir, log=log, claim_timeout=3).start()
            assert wait_for(lambda: sent.count() == 1000, 120), log.read_text()[-3000:]
        finally:
            worker.stop()

    copies = collections.Counter(mailed_ids(mail_dir))
    assert set(copies) == set(ids)  # every one delivered
    twice = {pk for pk, n in copies.items() if n > 1}
    # The one window left: SIGKILL after the sink accepted a message and before its
    # sent_at committed. Only the row in flight at that instant can be in it.
    assert len(twice) <= 1 and twice <= in_flight, (twice, in_flight)
    print(f"\nkilled after {at_kill} of 1000 sent; {len(in_flight)} claimed by the dead worker; "
          f"sent twice: {sorted(twice) or 'none'}")
    assert not Notification.objects.filter(pk__in=ids, failed_at__isnull=False).exists()
    # The dead worker's claims were taken again after the timeout (a second attempt).
    if in_flight:
        assert set(Notification.objects.filter(pk__in=in_flight).values_list("attempts", flat=True)) == {2}


def test_redis_down_during_100_transitions_all_commit_and_the_sweep_delivers_each_once(postgres_required, tmp_path):
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    log = tmp_path / "worker.log"
    with private_redis(tmp_path) as redis, app_on_broker(redis.url):
        worker = Worker(broker_url=redis.url, mail_dir=mail_dir, log=log, claim_timeout=3, sweep_seconds=1).start()
        try:
            proposal = paths.bring_to(State.SCREENING)
            proponent = proposal.organisation.memberships.first().user
            staff = StaffFactory()
            before = set(Notification.objects.values_list("pk", flat=True))
            redis.stop()
            changes = []
            for i in range(50):
                deadline = timezone.localdate() + datetime.timedelta(days=30)
                changes.append(transition(proposal, "return_for_revision", by=staff, note=f"รอบที่ {i}",
                                          deadline=deadline))
                changes.append(transition(proposal, "resubmit", by=proponent))
            assert len(changes) == 100
            proposal.refresh_from_db()
            assert proposal.status == State.SCREENING  # all 100 moves committed without a broker
            ids = set(Notification.objects.filter(status_change__in=changes).values_list("pk", flat=True))
            assert len(ids) >= 100
            assert not Notification.objects.filter(pk__in=ids, sent_at__isnull=False).exists()

            redis.start()  # same port: the worker and its beat reconnect; the sweep finds the rows
            pending = Notification.objects.filter(pk__in=ids, sent_at__isnull=True)
            assert wait_for(lambda: not pending.exists(), 120), log.read_text()[-3000:]
        finally:
            worker.stop()

    copies = collections.Counter(pk for pk in mailed_ids(mail_dir) if pk not in before)
    assert set(copies) == ids
    assert max(copies.values()) == 1  # none twice
