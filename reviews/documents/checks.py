"""System check: production does not sign with the development key (issue 19)."""

from django.conf import settings
from django.core.checks import Error, register

from . import signing


@register("signing", deploy=False)
def signing_key_check(app_configs, **kwargs):
    if settings.DEBUG or settings.TESTING:
        return []
    try:
        creds = signing.credentials()
    except signing.SigningError as exc:
        return [Error(str(exc), id="reviews.E901")]
    # No key at all is not flagged here: the document pages answer 503 and log why until one is set.
    if creds is not None and creds.development:
        return [Error(signing.refusal(creds), id="reviews.E903")]
    return []
