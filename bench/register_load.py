"""Load test of the public register: gunicorn + wrk, each page against /healthz/live in the same run.

    .venv/bin/python bench/register_load.py --duration 60

Starts gunicorn on the benchmark database (fill it first with
``manage.py generate_bench_data --proposals 100000``) with production-like settings
(DEBUG off, compressed static files, a shared Redis cache), checks every path answers
200, warms each up (fills the cache and the database connections), then measures each
with ``wrk --latency`` for the same time at the same concurrency and prints requests
per second, p50/p99 latency, the throughput as a share of /healthz/live's (which touches
neither database nor template: the ceiling of this server on this machine), and the
non-2xx responses and socket errors. Goal: >= 50 % of /healthz/live, p99 < 100 ms at 32
connections. The numbers depend on what else the machine is doing: run it more than once
(``--rounds``) and compare ratios, not absolute figures, between machines.
"""

import argparse
import os
import re
import runpy
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
BASELINE = "/healthz/live"
PATHS = (BASELINE, "/register/", "/api/v1/cities/")
GOAL_RATIO = 0.5
GOAL_P99_MS = 100.0
# What production serves with (WEB_CONCURRENCY unset): the benchmark measures the same.
SERVED = runpy.run_path(str(ROOT / "gunicorn.conf.py"), init_globals={"__name__": "gunicorn_conf"})


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--duration", type=int, default=10, help="seconds of wrk per path (default 10)")
    p.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per path (default 3)")
    p.add_argument("--connections", type=int, default=32, help="open connections (default 32)")
    p.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    p.add_argument("--workers", type=int, default=SERVED["workers"],
                   help=f"gunicorn worker processes (default {SERVED['workers']}, as gunicorn.conf.py)")
    p.add_argument("--worker-class", default="gthread", help="gunicorn worker class (default gthread)")
    p.add_argument("--gunicorn-threads", type=int, default=SERVED["threads"],
                   help=f"threads per gthread worker (default {SERVED['threads']}, as gunicorn.conf.py)")
    p.add_argument("--port", type=int, default=8601)
    p.add_argument("--rounds", type=int, default=1, help="measure every path this many times (default 1)")
    p.add_argument("--slice", type=int, default=5,
                   help="measure in slices of this many seconds, taking the paths in turn, so that "
                        "load from elsewhere on the machine falls on every path alike (default 5)")
    p.add_argument("--database-url", default=os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sc_bench"))
    p.add_argument("--cache-url", default=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/7"),
                   help="CACHE_URL for the server; 'locmemcache://' for one cache per worker")
    p.add_argument("--readers", type=int, default=10000,
                   help="spread the requests over this many reader addresses (X-Forwarded-For) and keep "
                        "the production API throttle; 0: one address, with --api-rate (default 10000)")
    p.add_argument("--api-rate", default="1000000/s",
                   help="API_ANON_RATE when --readers 0 (all the load from one address; default 1000000/s)")
    p.add_argument("--path", action="append", dest="paths", help="measure these paths instead (repeatable)")
    return p.parse_args(argv)


def server_env(args) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "smartcity.settings",
        "DEBUG": "false",
        "TESTING": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": args.database_url,
        "CACHE_URL": args.cache_url,
        "CONN_MAX_AGE": "60",  # keep database connections between requests, as production would
        # Plain http on the loopback: no redirect to https (TLS is the proxy's work in production).
        "SECURE_COOKIES": "false", "SECURE_SSL_REDIRECT": "false", "SECURE_HSTS_SECONDS": "0",
        "GUNICORN_ACCESS_LOG": "",  # gunicorn.conf.py logs every request otherwise; not what is measured
    })
    env.pop("API_ANON_RATE", None)  # production's limit unless told otherwise below
    if args.readers:
        # The readers' addresses arrive in X-Forwarded-For, as from the proxy in front of the
        # portal in production; only then does the portal read them from that header.
        env["BEHIND_TLS_PROXY"] = "true"
    if not args.readers:
        # All the load comes from one address: raise its limit so that it is never refused.
        # The throttle then keeps a second's history of that one reader (hundreds of entries).
        env["API_ANON_RATE"] = args.api_rate
    env.update({
        "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
        "LOG_LEVEL": "WARNING",
        "SECURE_COOKIES": "false",
    })
    env.pop("CELERY_BROKER_URL", None)
    return env


def collectstatic(env):
    # DEBUG off serves hashed, compressed static files: their manifest must exist.
    subprocess.run([str(VENV_BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"],
                   cwd=ROOT, env=env, check=True)


def start_gunicorn(args, env) -> subprocess.Popen:
    cmd = [
        str(VENV_BIN / "gunicorn"), "smartcity.wsgi:application",
        "--bind", f"127.0.0.1:{args.port}", "--workers", str(args.workers),
        "--worker-class", args.worker_class, "--threads", str(args.gunicorn_threads),
        "--backlog", "2048", "--error-logfile", "-", "--log-level", "warning",
    ]
    # Its own process group, so that stopping it stops its workers and nothing else.
    return subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True)


def stop(proc):
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def fetch(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as r:  # noqa: S310 (our own local server)
        return r.status, r.read()


def wait_until_up(base, proc, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited with status {proc.returncode}")
        try:
            if fetch(base + BASELINE, timeout=2)[0] == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer within a minute")


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def parse_wrk(out: str) -> dict:
    """Requests/sec, p50/p99 (ms), requests, non-2xx/3xx and socket errors from ``wrk --latency``."""
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}
    for pct in ("50", "99"):
        result[f"p{pct}"] = _ms(re.search(rf"^\s+{pct}%\s+(\S+)", out, re.M).group(1))
    result["requests"] = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    result["non2xx"] = int(non2xx.group(1)) if non2xx else 0
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    result["socket_errors"] = sum(int(x) for x in sock.groups()) if sock else 0
    return result


def combine(parts) -> dict:
    """One path's slices: mean throughput, the median slice's p50/p99, the worst p99."""
    ordered = sorted(parts, key=lambda r: r["p99"])
    middle = ordered[len(ordered) // 2]
    return {
        "rps": sum(r["rps"] for r in parts) / len(parts),
        "p50": sorted(r["p50"] for r in parts)[len(parts) // 2],
        "p99": middle["p99"],
        "worst_p99": ordered[-1]["p99"],
        "non2xx": sum(r["non2xx"] for r in parts),
        "socket_errors": sum(r["socket_errors"] for r in parts),
    }


def wrk(args, url, seconds) -> str:
    cmd = ["wrk", "--latency", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{seconds}s",
           "--timeout", "5s", url]
    env = dict(os.environ)
    if args.readers:
        cmd[1:1] = ["-s", str(Path(__file__).resolve().parent / "readers.lua")]
        env["BENCH_READERS"] = str(args.readers)
    return subprocess.run(cmd, capture_output=True, text=True, check=True, env=env).stdout


def main(argv=None):
    args = parse_args(argv)
    paths = args.paths or list(PATHS)
    if BASELINE not in paths:
        paths.insert(0, BASELINE)
    env = server_env(args)
    base = f"http://127.0.0.1:{args.port}"
    collectstatic(env)
    proc = start_gunicorn(args, env)
    try:
        wait_until_up(base, proc)
        for path in paths:
            status, body = fetch(base + path, timeout=60)
            print(f"checked {path}: {status}, {len(body):,} bytes", flush=True)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
        for path in paths:
            wrk(args, base + path, args.warmup)
        print(f"\nwrk {args.duration}s per path, {args.connections} connections, {args.threads} threads; "
              f"gunicorn {args.workers} x {args.worker_class}"
              f"{f' ({args.gunicorn_threads} threads)' if args.worker_class == 'gthread' else ''}; "
              f"cache {args.cache_url}; "
              + (f"{args.readers} reader addresses, API throttle as in production"
                 if args.readers else f"one address, API_ANON_RATE={args.api_rate}")
              + f"; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}", flush=True)
        ok = True
        slices = max(1, round(args.duration / args.slice))
        seconds = max(1, args.duration // slices)
        for round_ in range(1, args.rounds + 1):
            runs = {path: [] for path in paths}
            for _i in range(slices):
                for path in paths:
                    runs[path].append(parse_wrk(wrk(args, base + path, seconds)))
            results = {path: combine(parts) for path, parts in runs.items()}
            baseline = results[BASELINE]["rps"]
            print(f"\nround {round_}: {slices} x {seconds}s per path, paths in turn")
            print(f"{'path':<22}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'worst p99':>11}{'vs live':>9}"
                  f"{'non-2xx':>9}{'sock err':>10}")
            for path, r in results.items():
                ratio = r["rps"] / baseline if baseline else 0
                print(f"{path:<22}{r['rps']:>10.0f}{r['p50']:>9.1f}{r['p99']:>9.1f}{r['worst_p99']:>11.1f}"
                      f"{ratio:>8.0%}{r['non2xx']:>9}{r['socket_errors']:>10}")
                if path != BASELINE and (ratio < GOAL_RATIO or r["p99"] >= GOAL_P99_MS):
                    ok = False
                if r["non2xx"] or r["socket_errors"]:
                    ok = False
        print(f"\ngoal (>= {GOAL_RATIO:.0%} of {BASELINE}, p99 < {GOAL_P99_MS:.0f} ms, no errors): "
              f"{'met' if ok else 'NOT met'}")
        return 0 if ok else 1
    finally:
        stop(proc)


if __name__ == "__main__":
    sys.exit(main())
