"""PostgreSQL restarted while the portal is being used: clean 503s while it is
down, and recovery without restarting the portal.

    .venv/bin/python bench/fault_pg_restart.py [--port 8802] [--down 5]

Runs as root and needs PostgreSQL 15's binaries. It makes a PRIVATE cluster
(/tmp/pgfault, port 5439, never the shared server), a database with a
proponent and a few proposals, and gunicorn (DEBUG off, persistent connections
CONN_MAX_AGE=60 with CONN_HEALTH_CHECKS) on it. Four client threads call the
API (with a token), a public register page and the readiness probe for the
whole run; a few seconds in, the cluster is stopped (fast shutdown: open
connections are cut), kept down, then started again. Prints, per phase, the
statuses seen, whether any answer was a 500 or a traceback, whether the 503s
carried the Thai message, and how long after PostgreSQL came back the first
success came, with gunicorn's process id before and after (the same: not
restarted). Everything it made is removed at the end.
"""

import argparse
import collections
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import Request, urlopen

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._server import Gunicorn, app_env, django_in_process, manage  # noqa: E402

PGBIN = Path("/usr/lib/postgresql/15/bin")
DATA = Path("/tmp/pgfault")
PORT = 5439
URL = f"postgres://postgres@127.0.0.1:{PORT}/smartcity"


def as_postgres(*args, check=True):
    return subprocess.run(["runuser", "-u", "postgres", "--", *args], check=check, capture_output=True, text=True)


def pg_ctl(action, *extra):
    return as_postgres(str(PGBIN / "pg_ctl"), "-D", str(DATA), "-o", f"-p {PORT} -k /tmp", "-l",
                       str(DATA / "server.log"), "-w", action, *extra)


def make_cluster():
    if DATA.exists():
        pg_ctl("stop", "-m", "immediate") if (DATA / "postmaster.pid").exists() else None
        shutil.rmtree(DATA)
    as_postgres(str(PGBIN / "initdb"), "-D", str(DATA), "-A", "trust", "-U", "postgres")
    pg_ctl("start")
    as_postgres(str(PGBIN / "createdb"), "-h", "127.0.0.1", "-p", str(PORT), "smartcity")


def make_data():
    from accounts.models import ApiToken
    from applications.enums import State
    from tests import paths

    zone = paths.bring_to(State.PROMOTION_ZONE)  # public: its page needs no sign-in
    user = zone.organisation.memberships.get().user
    return ApiToken.objects.create(user=user)[1], zone.pk


def call(url, token=None):
    headers = {"Authorization": f"Token {token}"} if token else {}
    started = time.monotonic()
    try:
        with urlopen(Request(url, headers=headers), timeout=30) as r:
            status, body = r.status, r.read()
    except HTTPError as exc:
        status, body = exc.code, exc.read()
    except OSError as exc:
        status, body = 0, str(exc).encode()
    return started, status, body.decode(errors="replace")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8802)
    parser.add_argument("--down", type=float, default=5.0, help="seconds PostgreSQL stays down")
    args = parser.parse_args()
    make_cluster()
    try:
        env = app_env(URL, CONN_MAX_AGE="60")
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_reference_data", "-v", "0")
        django_in_process(env)
        token, zone = make_data()
        from django.db import connections

        connections.close_all()
        with Gunicorn(env, args.port, workers=2, threads=4) as web:
            run(web, token, zone, args.down)
    finally:
        if (DATA / "postmaster.pid").exists():
            pg_ctl("stop", "-m", "fast")
        shutil.rmtree(DATA, ignore_errors=True)


def run(web, token, zone, down):
    # The API, a page read from the database on every request (the register's
    # lists are cached, and keep answering from the cache while it is down), the probe.
    targets = [(f"{web.url}/api/v1/proposals/", token), (f"{web.url}/proposals/{zone}/", None),
               (f"{web.url}/healthz/ready", None)]
    results, stop = [], threading.Event()

    def client(i):
        n = i
        while not stop.is_set():
            url, tok = targets[n % len(targets)]
            results.append((url.removeprefix(web.url), *call(url, tok)))
            n += 1
            time.sleep(0.05)

    pid_before = web.proc.pid
    threads = [threading.Thread(target=client, args=(i,)) for i in range(4)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    time.sleep(5)
    stopped_at = time.monotonic()
    pg_ctl("stop", "-m", "fast")
    time.sleep(down)
    pg_ctl("start")
    started_at = time.monotonic()
    time.sleep(8)
    stop.set()
    for t in threads:
        t.join()
    pid_after = web.proc.pid if web.proc.poll() is None else None
    report(results, t0, stopped_at, started_at, pid_before, pid_after)


def report(results, t0, stopped_at, started_at, pid_before, pid_after):
    phases = {"before": [], "down": [], "after": []}
    for path, at, status, body in results:
        phase = "before" if at < stopped_at else "down" if at < started_at else "after"
        phases[phase].append((path, at, status, body))
    print(f"PostgreSQL stopped at +{stopped_at - t0:.1f} s, started again at +{started_at - t0:.1f} s "
          f"(down {started_at - stopped_at:.1f} s)")
    for phase, rows in phases.items():
        by_path = collections.defaultdict(collections.Counter)
        for path, _, status, _ in rows:
            by_path[path][status] += 1
        print(f"  {phase:6} {len(rows):4} requests: " + "; ".join(
            f"{p} {dict(sorted(c.items()))}" for p, c in sorted(by_path.items())))
    errors = [(p, s, b) for p, _, s, b in results if s == 500 or s == 0 or "Traceback" in b]
    unavailable = [(p, b) for p, _, s, b in results if s == 503]
    clear = [b for p, b in unavailable if "ไม่พร้อมให้บริการชั่วคราว" in b or '"database": "error' in b]
    first_ok = min((at for _, at, s, _ in phases["after"] if s == 200), default=None)
    last_bad = max((at for _, at, s, _ in phases["after"] if s != 200), default=None)
    print(f"  500s, dropped connections or tracebacks: {len(errors)}")
    print(f"  503 answers: {len(unavailable)}, with a clear message (Thai page, or the probe's JSON): {len(clear)}")
    if unavailable:
        page = next((b for p, b in unavailable if p.startswith("/proposals/")), "")
        api = next((b for p, b in unavailable if p.startswith("/api/")), "")
        probe = next((b for p, b in unavailable if p.startswith("/healthz/")), "")
        print("  a 503 page says:", " ".join(page.split())[280:560] if page else "-")
        print("  a 503 API answer:", api[:200] or "-")
        print("  a 503 probe answer:", probe[:200] or "-")
    if first_ok is not None:
        print(f"  first 200 after PostgreSQL came back: +{first_ok - started_at:.2f} s; "
              f"last non-200 after it: {'+%.2f s' % (last_bad - started_at) if last_bad else 'none'}")
    print(f"  gunicorn master pid before {pid_before}, after {pid_after} (not restarted)")
    # A request that started just before the stop may still finish with 200.
    ok = (not errors and unavailable and all(s in (200, 503) for _, _, s, _ in phases["down"])
          and len(clear) == len(unavailable) and first_ok is not None and pid_after == pid_before
          and all(s == 200 for _, at, s, _ in phases["after"] if at > first_ok + 1))
    print("RESULT:", "OK: clean 503s while down, recovered without a restart" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    if os.geteuid() != 0:
        sys.exit("run as root (the private cluster is run as the postgres user through runuser)")
    main()
