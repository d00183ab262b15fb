"""Personal data (PDPA) and the signed documents (issue 20, issue 19)."""

from pathlib import Path

from celery.schedules import crontab

from .environment import BASE_DIR, TESTING, _int, _secret, env
from .services import CELERY_BEAT_SCHEDULE

# --- Personal data (PDPA) ------------------------------------------------------------------------
# The privacy notice, "my data", requests and erasure, retention: privacy/. A request is answered
# within this many days (PDPA s. 30: thirty); the Office sets the retention periods on the portal,
# never shorter than the minimum below. The sweep runs each night at 03:45 (Bangkok time).
PRIVACY_REQUEST_DAYS = _int("PRIVACY_REQUEST_DAYS", 30, minimum=1)
PRIVACY_RETENTION_MIN_DAYS = _int("PRIVACY_RETENTION_MIN_DAYS", 30, minimum=1)
CELERY_BEAT_SCHEDULE["privacy-retention-sweep"] = {
    "task": "privacy.tasks.retention_sweep", "schedule": crontab(hour=3, minute=45),
}

# --- Signed documents ------------------------------------------------------------------------------
# The certificates and the minutes are signed in PAdES with the Office's key (reviews/documents/
# signing.py). A deployment gives the key and its certificate as PEM, in the variable itself or
# in a file (SIGNING_KEY_FILE, SIGNING_CERT_FILE: Docker/Kubernetes secrets), the key's
# passphrase if it has one, and optionally the chain up to the root (SIGNING_CHAIN_FILE).
# Unset, local work (`make run`, the tests) signs with the development key that
# `manage.py signing_devkey` writes under var/signing-dev/; production refuses that key.
SIGNING_KEY = _secret("SIGNING_KEY", default="")
SIGNING_CERT = _secret("SIGNING_CERT", default="")
SIGNING_CHAIN = _secret("SIGNING_CHAIN", default="")
SIGNING_KEY_PASSPHRASE = _secret("SIGNING_KEY_PASSPHRASE", default="")
SIGNING_DEV_DIR = Path(env.str("SIGNING_DEV_DIR", default=str(BASE_DIR / "var" / "signing-dev")))
# A time-stamping authority (RFC 3161) makes the signatures PAdES B-T; unset, B-B.
SIGNING_TSA_URL = env.str("SIGNING_TSA_URL", default="")
SIGNING_TSA_TIMEOUT = _int("SIGNING_TSA_TIMEOUT", 10, minimum=1)
# The TSA's root certificate(s), PEM, so the verification page can say the time stamp is trusted.
SIGNING_TSA_ROOTS = _secret("SIGNING_TSA_ROOTS", default="")
# The verification page's upload: its size limit and its rate per address (django-ratelimit).
VERIFY_UPLOAD_MAX_BYTES = _int("VERIFY_UPLOAD_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
RATELIMIT_VERIFY_UPLOAD = env.str("RATELIMIT_VERIFY_UPLOAD", default="100000/m" if TESTING else "10/m")
