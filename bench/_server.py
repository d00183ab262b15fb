"""Shared by the bench scripts: a throw-away database, data made through the
real models, and gunicorn started in production mode (DEBUG off) against it.

Nothing here is timed for pass/fail; the scripts print what happened.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def app_env(database_url, **extra):
    """The environment of a production-like portal process on plain http."""
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "TESTING", "CELERY_BROKER_URL")}
    env.update({
        "DJANGO_SETTINGS_MODULE": "smartcity.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "TESTING": "false",
        "SECRET_KEY": "bench-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_COOKIES": "false", "SECURE_SSL_REDIRECT": "false", "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "API_ANON_RATE": "1000000/min",
        "AXES_ENABLED": "false",
        "EMAIL_URL": "dummymail://",  # notifications are delivered, to nowhere
    })
    env.update(extra)
    return env


def manage(env, *args, **kwargs):
    return subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs)


def django_in_process(env):
    """Set this process up as the portal (to make data with the real models)."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


class Gunicorn:
    """gunicorn on 127.0.0.1:port with collected static files, stopped on exit."""

    def __init__(self, env, port, workers=3, threads=4):
        self.static = Path(tempfile.mkdtemp(prefix="bench-static-"))
        self.env = {**env, "STATIC_ROOT": str(self.static)}
        manage(self.env, "collectstatic", "--noinput", "-v", "0")
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log = open(self.static / "gunicorn.log", "w")  # noqa: SIM115 (closed in stop)
        self.proc = subprocess.Popen(
            [PY, "-m", "gunicorn", "smartcity.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", str(workers), "--threads", str(threads), "--timeout", "60"],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        for _ in range(100):
            try:
                urlopen(self.url + "/healthz/live", timeout=1)
                return
            except (URLError, ConnectionError, OSError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start; see its log")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()
        shutil.rmtree(self.static, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p / 100))] if values else 0.0
