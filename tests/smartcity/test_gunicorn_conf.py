"""gunicorn.conf.py: the web server's processes, threads and its start-up hook."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONF = str(ROOT / "gunicorn.conf.py")


def test_processes_not_threads_by_default(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    conf = runpy.run_path(CONF)
    assert (conf["workers"], conf["threads"]) == (2 * os.cpu_count(), 2)
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert runpy.run_path(CONF)["workers"] == 3


@pytest.mark.slow  # a process of its own
def test_a_worker_loads_its_views_and_freezes_them_out_of_the_collectors_sight(tmp_path):
    # In a process of its own, as a gunicorn worker: Django set up, no request served yet.
    script = f"""
import gc, runpy, sys, django
django.setup()
assert "register.views" not in sys.modules  # Django imports the URLconf on the first request
runpy.run_path({CONF!r})["post_worker_init"](None)
assert "register.views" in sys.modules and "api.views" in sys.modules
print(gc.get_freeze_count(), len(gc.get_objects()))
"""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "smartcity.settings", "DATABASE_URL": f"sqlite:///{tmp_path}/db",
           "DEBUG": "true"}
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    frozen, tracked = map(int, out.stdout.split()[-2:])
    assert frozen > 50_000 and tracked < 1_000, (frozen, tracked)
