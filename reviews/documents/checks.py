"""System check: production does not sign with the development key (issue 19)."""

from django.conf import settings
from django.core.checks import Error, Warning, register

from . import signing


@register("signing", deploy=False)
def signing_key_check(app_configs, **kwargs):
    if settings.DEBUG or settings.TESTING:
        return []
    try:
        creds = signing.credentials()
    except signing.SigningError as exc:
        return [Error(str(exc), id="reviews.E901")]
    if creds is None:
        return [Warning(signing.refusal(None), hint="Certificates and minutes cannot be issued until it is set.",
                        id="reviews.W902")]
    if creds.development:
        return [Error(signing.refusal(creds), id="reviews.E903")]
    return []
