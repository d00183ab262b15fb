"""The settings, driven by the environment (django-environ); DJANGO_SETTINGS_MODULE=smartcity.settings.

One package read as one file: each part below is a plain module of settings, read in this order,
and a later part may use the values of an earlier one (it imports them by name). A value that
cannot be understood stops start-up with a message naming the variable (environment.py).

- environment: reading the environment (strict booleans, whole numbers, ``*_FILE`` secrets); DEBUG, TESTING
- base: secret key, hosts, installed apps, middleware, templates, database, logging, audit trail
- i18n: Thai first, Bangkok time
- files: static files, the Thai font, uploads (local disk or S3-compatible storage)
- security: sign-in (axes, rate limits, password hashing, sessions), headers, proxy, CSP,
  metrics token, the second factor
- services: e-mail, Celery and its schedule, notifications, cache, open data
- api: Django REST framework, the schema, API tokens (knox)
- identity: sign-in with ThaiD / DGA Digital ID (OpenID Connect)
- records: personal data (PDPA) and the signed certificates and minutes
"""

# In reading order (each part imports what it uses from the ones before it by name, so the order
# is for the reader; no part redefines another's setting).
from .environment import *  # noqa: F403, I001
from .base import *  # noqa: F403
from .i18n import *  # noqa: F403
from .files import *  # noqa: F403
from .security import *  # noqa: F403
from .services import *  # noqa: F403
from .api import *  # noqa: F403
from .identity import *  # noqa: F403
from .records import *  # noqa: F403
