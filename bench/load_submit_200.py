"""200 proponents hand in their proposals at the same moment, each clicking twice.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/load_submit_200.py [--port 8801]

Makes a throw-away database ``sc_bench_submit`` on the server of DATABASE_URL,
200 organisations each with one complete draft and one proponent with an API
token, starts gunicorn (DEBUG off) on it, then 400 threads (two per proponent:
the double click) wait at one barrier and all POST ``submit`` at once to
``/api/v1/proposals/<id>/transitions/``. Afterwards it counts, in the database:
exactly 200 proposals submitted, 200 ``submit`` history rows, 200 frozen
versions, no proposal with two of either; and for the requests: 200 × 201 and
200 × 409 ("already submitted"), no 5xx. Prints the figures; exit 1 if any
count is off. The database is dropped at the end.
"""

import argparse
import collections
import json
import os
import sys
import threading
import time
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._server import Gunicorn, app_env, django_in_process, manage, percentile  # noqa: E402

N = 200
DB = "sc_bench_submit"


def admin_sql(server_url, sql):
    import psycopg2

    conn = psycopg2.connect(server_url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(sql)
    conn.close()


def make_data():
    from accounts.models import ApiToken
    from applications.workflow import record_creation
    from tests.factories import ProposalFactory, complete_proposal, proponent

    rows = []
    for _ in range(N):
        user = proponent()
        proposal = ProposalFactory(organisation=user.memberships.get().organisation, created_by=user)
        complete_proposal(proposal)
        record_creation(proposal, by=user)
        rows.append((proposal.pk, ApiToken.objects.create(user=user)[1]))
    return rows


def submit(url, token, barrier, results):
    request = Request(url, data=json.dumps({"action": "submit"}).encode(), method="POST", headers={
        "Authorization": f"Token {token}", "Content-Type": "application/json", "Accept-Language": "th"})
    barrier.wait()
    started = time.perf_counter()
    try:
        with urlopen(request, timeout=120) as response:
            status, body = response.status, response.read()
    except HTTPError as exc:
        status, body = exc.code, exc.read()
    except OSError as exc:
        status, body = 0, str(exc).encode()
    results.append((status, time.perf_counter() - started, body[:200]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8801)
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        sys.exit("DATABASE_URL must be a PostgreSQL URL (its server gets a throw-away database)")
    parts = urlsplit(base)
    server = urlunsplit(parts._replace(path="/postgres"))
    bench_url = urlunsplit(parts._replace(path=f"/{DB}"))
    admin_sql(server, f"DROP DATABASE IF EXISTS {DB}")
    admin_sql(server, f"CREATE DATABASE {DB}")
    try:
        env = app_env(bench_url)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_reference_data", "-v", "0")
        django_in_process(env)
        rows = make_data()
        from django.db import connections

        connections.close_all()
        with Gunicorn(env, args.port) as web:
            results = []
            barrier = threading.Barrier(2 * N)
            threads = [
                threading.Thread(target=submit, args=(f"{web.url}/api/v1/proposals/{pk}/transitions/", token,
                                                      barrier, results))
                for pk, token in rows for _click in range(2)
            ]
            started = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - started
        report(rows, results, wall)
    finally:
        from django.db import connections

        connections.close_all()
        admin_sql(server, f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")


def report(rows, results, wall):
    from django.db.models import Count

    from applications.models import Proposal, ProposalVersion, StatusChange

    ids = [pk for pk, _ in rows]
    codes = collections.Counter(status for status, _, _ in results)
    latencies = [t for _, t, _ in results]
    submitted = Proposal.objects.filter(pk__in=ids, status="submitted").count()
    history = StatusChange.objects.filter(proposal_id__in=ids, action="submit")
    versions = ProposalVersion.objects.filter(proposal_id__in=ids)
    dup_history = history.values("proposal_id").annotate(n=Count("id")).filter(n__gt=1).count()
    dup_versions = versions.values("proposal_id").annotate(n=Count("id")).filter(n__gt=1).count()
    refusals = {body for status, _, body in results if status == 409}
    print(f"requests: {len(results)} in {wall:.2f} s  statuses: {dict(sorted(codes.items()))}")
    print(f"latency: p50 {percentile(latencies, 50):.3f} s  p95 {percentile(latencies, 95):.3f} s  "
          f"max {max(latencies):.3f} s")
    print(f"proposals submitted: {submitted}/{N}  submit history rows: {history.count()}  "
          f"versions: {versions.count()}  proposals with duplicate history: {dup_history}  "
          f"with duplicate versions: {dup_versions}")
    for body in sorted(refusals)[:2]:
        print("second click answered (409):", body.decode(errors="replace"))
    ok = (submitted == N and history.count() == N and versions.count() == N and dup_history == 0
          and dup_versions == 0 and codes.get(201) == N and codes.get(409) == N
          and not any(s >= 500 or s == 0 for s in codes))
    print("RESULT:", "OK: none lost, none duplicated" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
