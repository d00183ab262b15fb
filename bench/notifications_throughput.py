"""Notifications per second through a real worker, next to a no-op Celery task's rate on the same Redis.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sc5 .venv/bin/python bench/notifications_throughput.py

Builds a throw-away database (``bench_<name>``), a private redis-server on a
free port and one ``celery worker`` subprocess (prefork, 2 processes), then:

1. baseline: publishes N no-op tasks and times until the worker has run them;
2. makes transitions until they have written N outbox rows (the publishing of
   their delivery tasks is held back, so the production is not timed), then
   publishes each transition's delivery task as the commit would have and times
   until every row is e-mailed (Django's file backend, into a temporary folder).

Prints both rates and their ratio (goal: at least 0.5). Everything started is stopped.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartcity.settings")
os.environ.setdefault("SECRET_KEY", "bench")
N = int(os.environ.get("BENCH_N", "10000"))


def main():
    import django

    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("set DATABASE_URL=postgres://... (the worker needs a database it can share)")
    os.environ["CELERY_BROKER_URL"] = "redis://127.0.0.1:1/0"  # replaced by the private one below
    django.setup()
    import logging

    logging.disable(logging.WARNING)
    from django.core.management import call_command
    from django.db import connection

    from tests.notifications.procs import PrivateRedis, Worker, app_on_broker

    db_name = f"bench_{connection.settings_dict['NAME']}"
    connection.settings_dict.setdefault("TEST", {})["NAME"] = db_name
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False, serialize=False)
    tmp = Path(tempfile.mkdtemp(prefix="notifications-bench-"))
    (tmp / "mail").mkdir()
    redis = PrivateRedis(tmp).start()
    worker = None
    try:
        call_command("load_reference_data", verbosity=0)
        with app_on_broker(redis.url) as app:
            worker = Worker(broker_url=redis.url, mail_dir=tmp / "mail", log=tmp / "worker.log", beat=False,
                            concurrency=2, extra_env={"PYTHONPATH": str(ROOT / "bench")})
            worker.args += ["-I", "notifications_noop"]
            worker.start()
            noop_rate = baseline(app, redis)
            rows, tasks, note_rate = notifications(app)
    finally:
        if worker:
            worker.stop()
        redis.stop()
        connection.creation.destroy_test_db(db_name, verbosity=0)
    print(f"no-op Celery task:   {N:>6} tasks in the same worker and Redis: {noop_rate:8.0f} tasks/s")
    print(f"notifications:       {rows:>6} rows from {tasks} transitions (one delivery task each): "
          f"{note_rate:8.0f} notifications/s")
    print(f"ratio notifications/s ÷ no-op tasks/s: {note_rate / noop_rate:.2f} (goal ≥ 0.5)")


def baseline(app, redis) -> float:
    import redis as redis_lib

    r = redis_lib.Redis(port=redis.port)
    noop = app.signature("bench.noop")
    noop.delay(-1, str(redis.port))  # warm up: the worker is ready when this has run
    while not r.get("bench:noop:-1"):
        time.sleep(0.05)
    start = time.perf_counter()
    for i in range(N):
        noop.delay(i, str(redis.port) if i == N - 1 else "")
    while not r.get(f"bench:noop:{N - 1}"):
        time.sleep(0.01)
    return N / (time.perf_counter() - start)


def notifications(app):
    from applications.enums import State
    from notifications import services
    from notifications.models import Notification
    from notifications.tasks import deliver_notifications
    from tests import paths
    from tests.factories import StaffFactory, proponent

    held = []
    services._enqueue = held.append  # publish later, in the timed part

    proposal = paths.bring_to(State.SCREENING)
    for i in range(19):
        proponent(organisation=proposal.organisation, preferred_language="en" if i % 2 else "th")
    for _ in range(4):
        StaffFactory()
    staff = StaffFactory()
    user = proposal.organisation.memberships.first().user
    Notification.objects.update(sent_at=time_now())
    held.clear()
    made = 0
    while Notification.objects.filter(sent_at__isnull=True).count() < N:
        paths.transition(proposal, "return_for_revision", by=staff, note="ปรับแผน",
                         deadline=paths.deadline_after(paths.timezone.now()))
        paths.transition(proposal, "resubmit", by=user)
        made += 2
    rows = Notification.objects.filter(sent_at__isnull=True).count()

    start = time.perf_counter()
    for ids in held:
        deliver_notifications.delay(ids)
    pending = Notification.objects.filter(sent_at__isnull=True)
    while pending.exists():
        time.sleep(0.05)
    return rows, made, rows / (time.perf_counter() - start)


def time_now():
    from django.utils import timezone

    return timezone.now()


if __name__ == "__main__":
    main()
