"""How the settings read the environment, and the three switches every other part depends on.

Every value that differs between a laptop, CI and production comes from an environment
variable (or a ``*_FILE`` holding it, for secrets). A value that cannot be understood stops
start-up with a message naming the variable, rather than silently falling back to a default
that would surprise an operator.
"""

import sys
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

# The checkout: smartcity/settings/environment.py -> three levels up.
BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
_env_file = BASE_DIR / ".env"
if _env_file.exists():
    environ.Env.read_env(str(_env_file))

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _secret(name, default=None):
    """Read NAME, or the file named by NAME_FILE (Docker/Kubernetes secrets)."""
    path = env.str(f"{name}_FILE", default="")
    if path:
        try:
            return Path(path).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={path!r} cannot be read: {exc}") from exc
    return env.str(name, default=default)


def _strict_bool(name, default):
    # django-environ reads any unknown word as False; an operator who writes
    # DEBUG=ture must hear about it instead of getting a silent production mode.
    raw = env.str(name, default="1" if default else "0").strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean: use one of {sorted(_TRUE | _FALSE - {''})}"
    )


def _int(name, default, minimum=0):
    raw = env.str(name, default=str(default))
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={value} must be at least {minimum}")
    return value


DEBUG = _strict_bool("DEBUG", default=False)
# Under pytest the suite needs no SECRET_KEY and uses fast password hashing.
TESTING = _strict_bool("TESTING", default="pytest" in sys.modules)
# Production defaults are the safe ones (security.py); DEBUG (`make run`) and the suite turn them off.
_PROD = not DEBUG and not TESTING
