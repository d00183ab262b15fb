"""gunicorn's settings for the web process (read from the working directory).

Command-line flags win over these (the bench scripts pass their own bind and
workers). With LOG_FORMAT=json the access log is one JSON object a line with
the request id the portal returned (X-Request-ID, from django-guid), like the
application's own logs.
"""

import os

bind = "0.0.0.0:8000"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = 4
timeout = 60  # a request still running after a minute is killed and logged
graceful_timeout = 30
# One line per request on stdout; GUNICORN_ACCESS_LOG= (empty) turns it off, e.g. for a load benchmark.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
# The TLS proxy in front sets X-Forwarded-Proto; it is the only way in (the port is not published).
forwarded_allow_ips = "*"

if os.environ.get("LOG_FORMAT") == "json":
    access_log_format = (
        '{"time": "%(t)s", "level": "INFO", "name": "gunicorn.access", "method": "%(m)s", "path": "%(U)s", '
        '"query": "%(q)s", "status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s, '
        '"request_id": "%({x-request-id}o)s", "remote": "%(h)s", "user_agent": "%(a)s"}'
    )
