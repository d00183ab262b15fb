"""Language and time: Thai first (English the second language), Bangkok time, stored in UTC."""

from django.utils.translation import gettext_lazy as _

from .environment import BASE_DIR

LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True
