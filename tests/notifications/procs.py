"""Real processes for the delivery tests: a private redis-server and `celery worker` subprocesses.

The shared Redis of the machine is never stopped: each test that needs Redis
to go down starts its own on a free port. Workers run as real subprocesses
(their own process group, so SIGKILL takes the whole worker) against the test
database, writing e-mail with Django's file backend into a folder the test
counts.
"""

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
REDIS_SERVER = "/usr/bin/redis-server"
CELERY = str(Path(sys.executable).with_name("celery"))


def need(condition, reason):
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run this test: {reason}", pytrace=False)
        pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateRedis:
    def __init__(self, folder: Path):
        self.folder, self.port, self.proc = folder, free_port(), None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.proc = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        import redis

        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                redis.Redis(port=self.port, socket_connect_timeout=0.2).ping()
                return self
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("private redis-server did not start")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        self.proc = None


@contextlib.contextmanager
def private_redis(tmp_path):
    need(Path(REDIS_SERVER).exists(), f"{REDIS_SERVER} is not installed")
    server = PrivateRedis(tmp_path).start()
    try:
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def app_on_broker(url):
    """Point this process's Celery app (publishing after commit) at ``url``."""
    from smartcity.celery import app

    # Celery reads CELERY_BROKER_URL from the environment before its own setting.
    saved = app.conf.broker_url, app.conf.task_always_eager, os.environ.get("CELERY_BROKER_URL")
    options = app.conf.broker_transport_options
    os.environ["CELERY_BROKER_URL"] = url
    app.conf.broker_url, app.conf.task_always_eager = url, False
    # The worker subprocess reads the settings alone: no key prefix of a pytest-xdist worker
    # (tests/conftest.py) on this private broker, or the two would not find each other's queue.
    app.conf.broker_transport_options = {k: v for k, v in (options or {}).items() if k != "global_keyprefix"}
    app._pool = None
    app.amqp._producer_pool = None
    assert app.connection_for_write().as_uri().endswith(url.rsplit(":", 1)[1])
    try:
        yield app
    finally:
        app.conf.broker_url, app.conf.task_always_eager, env = saved
        app.conf.broker_transport_options = options
        if env is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = env
        app._pool = None
        app.amqp._producer_pool = None


class Worker:
    """``celery -A smartcity worker -B`` against the test database and a broker URL."""

    def __init__(self, *, broker_url, mail_dir: Path, log: Path, claim_timeout=3, sweep_seconds=1,
                 concurrency=1, beat=True, extra_env=None):
        db = connection.settings_dict
        self.env = {
            **os.environ,
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
            "CELERY_BROKER_URL": broker_url,
            "EMAIL_URL": f"filemail:///{mail_dir}",  # four slashes: an absolute path
            "SECRET_KEY": "worker-under-test",
            "DEBUG": "false",
            "NOTIFICATIONS_CLAIM_TIMEOUT": str(claim_timeout),
            "NOTIFICATIONS_SWEEP_SECONDS": str(sweep_seconds),
            "LOG_LEVEL": "WARNING",
            **(extra_env or {}),
        }
        self.args = [CELERY, "-A", "smartcity", "worker", "--loglevel=WARNING", "--without-gossip",
                     "--without-mingle", "--pool=prefork", f"--concurrency={concurrency}"]
        if beat:
            self.args += ["-B", "-s", str(mail_dir.parent / f"beat-{free_port()}")]
        self.log, self.proc = log, None

    def start(self):
        self.proc = subprocess.Popen(
            self.args, cwd=ROOT, env=self.env, stdout=self.log.open("ab"), stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def kill(self):
        """SIGKILL the worker and its children at once: no shutdown, no acknowledgement."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()


MESSAGE_ID = re.compile(r"^Message-ID: <notification-(\d+)@", re.MULTILINE)


def mailed_ids(mail_dir: Path) -> list:
    """Every notification id the file backend wrote, once per copy written."""
    ids = []
    for f in sorted(mail_dir.glob("*.log")):
        ids += [int(x) for x in MESSAGE_ID.findall(f.read_text(errors="replace"))]
    return ids


def wait_for(predicate, timeout, step=0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()
