"""The providers this deployment is registered with (settings.OIDC_PROVIDERS, from the environment).

A provider is configured when its issuer, client id and secret are all set; only those get a
button and routes that answer. Read each time, so a test may change the settings.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404


@dataclass(frozen=True)
class Provider:
    slug: str  # in the callback URL registered with the provider: never change it
    label: str
    issuer: str
    client_id: str
    client_secret: str
    scopes: str

    @property
    def discovery_url(self) -> str:
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"


def configured() -> list[Provider]:
    found = []
    for slug, conf in getattr(settings, "OIDC_PROVIDERS", {}).items():
        if conf.get("issuer") and conf.get("client_id") and conf.get("client_secret"):
            found.append(Provider(slug=slug, label=conf.get("label") or slug, issuer=conf["issuer"],
                                  client_id=conf["client_id"], client_secret=conf["client_secret"],
                                  scopes=conf.get("scopes") or "openid"))
    return found


def get(slug) -> Provider:
    """The configured provider ``slug``; any other name is a page that does not exist."""
    for provider in configured():
        if provider.slug == slug:
            return provider
    raise Http404
