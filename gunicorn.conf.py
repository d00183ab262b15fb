"""gunicorn's settings for the web process (read from the working directory).

Command-line flags win over these (the bench scripts pass their own bind and
workers). With LOG_FORMAT=json the access log is one JSON object a line with
the request id the portal returned (X-Request-ID, from django-guid), like the
application's own logs.
"""

import os

bind = "0.0.0.0:8000"
# Processes rather than threads: a worker's threads share one interpreter lock, so on a
# busy server more than two of them mostly wait for it. Measured with bench/register_load.py
# on 2 cores: with 2 processes x 4 threads the cached register and cities/ answered at
# 40-69 % and 37-62 % of /healthz/live's rate over six runs; with 4 x 2 at about 80 % and
# 60 %. The second thread covers a worker's waits on PostgreSQL and Redis.
workers = int(os.environ.get("WEB_CONCURRENCY", "") or 2 * (os.cpu_count() or 1))
threads = 2
timeout = 60  # a request still running after a minute is killed and logged
graceful_timeout = 30
# One line per request on stdout; GUNICORN_ACCESS_LOG= (empty) turns it off, e.g. for a load benchmark.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
# X-Forwarded-Proto/-For are believed only from the TLS proxy in front, by address: "*" let any
# client that reached gunicorn directly claim https (issue 17). FORWARDED_ALLOW_IPS is a
# comma-separated list of the proxy's addresses (docs/deployment.md); loopback by default.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "") or "127.0.0.1,::1"

if os.environ.get("LOG_FORMAT") == "json":
    access_log_format = (
        '{"time": "%(t)s", "level": "INFO", "name": "gunicorn.access", "method": "%(m)s", "path": "%(U)s", '
        '"query": "%(q)s", "status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s, '
        '"request_id": "%({x-request-id}o)s", "remote": "%(h)s", "user_agent": "%(a)s"}'
    )


def post_worker_init(worker):
    """Load every view now and take what is loaded out of the garbage collector's sight.

    The objects of a loaded Django project (some 150,000) live as long as the worker, yet
    each full collection walks them all: 84 ms on the benchmark machine, during which every
    request of that worker waits, a spike in the p99 of a busy day. Frozen after start-up,
    they are never walked again: a full collection then took 1.1 ms instead of 90 ms. The URLconf
    is loaded first (Django imports it on the first request) so that the views are frozen too.
    """
    import gc

    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every view)
    gc.collect()
    gc.freeze()
