"""The portal as an OpenID Connect client: what it sends to a provider and what it believes back.

Authorization code flow with PKCE (S256), a fresh ``state`` and ``nonce`` per attempt (kept in the
person's session by the views), the code exchanged at the token endpoint with the client secret,
and the ID token believed only when:

- its signature verifies with a key of the provider's JWKS (fetched from the discovery document;
  asymmetric algorithms only, so a token "signed" with our own client secret or with ``none`` is
  refused; an unknown key id fetches the JWKS once more, as keys rotate);
- ``iss`` is the configured issuer, ``aud`` holds our client id (``azp`` too when present), it has
  not expired (a minute's leeway for clocks), and ``nonce`` is the one this session sent;
- its nonce was not used before (a replayed token from an earlier sign-in is refused even where the
  session's nonce would match).

Authlib's requests client builds the request and exchanges the code; joserfc (Authlib's JOSE layer)
checks the signature; Authlib's ``CodeIDToken`` checks the claims. Every call to the provider has a
timeout (OIDC_TIMEOUT): a provider that is down or slow is :class:`Unavailable`, never a hung page.
"""

import hashlib
import logging
import time

import requests
from authlib.common.security import generate_token
from authlib.integrations.base_client import OAuthError
from authlib.integrations.requests_client import OAuth2Session
from authlib.oidc.core import CodeIDToken
from django.conf import settings
from django.core.cache import cache
from joserfc import jwt
from joserfc.errors import (
    BadSignatureError,
    ClaimError,
    ExpiredTokenError,
    InvalidKeyIdError,
    JoseError,
    MissingKeyError,
)
from joserfc.jwk import KeySet
from joserfc.jws import JWSRegistry

log = logging.getLogger(__name__)

# Asymmetric only: the provider signs with its private key, we verify with its published one.
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]
LEEWAY = 60  # seconds of clock difference accepted on exp and iat
METADATA_SECONDS = 3600


class Unavailable(Exception):
    """The provider did not answer in time, or answered nonsense: not the person's fault."""


class Refused(Exception):
    """The provider's answer is not to be believed; ``reason`` names why (identity/views.py words it)."""

    def __init__(self, reason, detail=""):
        self.reason, self.detail = reason, detail
        super().__init__(f"{reason}: {detail}")


def _timeout():
    return settings.OIDC_TIMEOUT


def _get_json(url):
    try:
        response = requests.get(url, timeout=_timeout(), headers={"Accept": "application/json"})
        response.raise_for_status()
        return response.json()
    except (requests.RequestException, ValueError) as exc:
        raise Unavailable(f"{url}: {exc}") from exc


def metadata(provider, *, fresh=False) -> dict:
    """The provider's discovery document (cached an hour); its issuer must be the configured one."""
    key = "oidc:metadata:" + hashlib.sha256(provider.discovery_url.encode()).hexdigest()[:32]
    found = None if fresh else cache.get(key)
    if found is None:
        found = _get_json(provider.discovery_url)
        missing = [k for k in ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri") if not found.get(k)]
        if missing:
            raise Unavailable(f"{provider.discovery_url} lacks {missing}")
        if found["issuer"].rstrip("/") != provider.issuer.rstrip("/"):
            # A discovery document naming another issuer is a misconfiguration or a spoof.
            raise Unavailable(f"{provider.discovery_url} names issuer {found['issuer']!r}")
        cache.set(key, found, METADATA_SECONDS)
    return found


def _key_set(provider, *, fresh=False) -> KeySet:
    meta = metadata(provider)
    key = "oidc:jwks:" + hashlib.sha256(meta["jwks_uri"].encode()).hexdigest()[:32]
    found = None if fresh else cache.get(key)
    if found is None:
        found = _get_json(meta["jwks_uri"])
        cache.set(key, found, METADATA_SECONDS)
    try:
        return KeySet.import_key_set(found)
    except (JoseError, ValueError, TypeError, KeyError) as exc:
        raise Unavailable(f"{meta['jwks_uri']}: not a key set ({exc})") from exc


def _session(provider, redirect_uri):
    return OAuth2Session(
        client_id=provider.client_id, client_secret=provider.client_secret, scope=provider.scopes,
        redirect_uri=redirect_uri, code_challenge_method="S256", default_timeout=_timeout(),
        token_endpoint_auth_method="client_secret_basic",
    )


def begin(provider, redirect_uri) -> tuple[str, dict]:
    """(the provider's authorization URL, what the session keeps to check the way back)."""
    meta = metadata(provider)
    flow = {"state": generate_token(32), "nonce": generate_token(32), "code_verifier": generate_token(64),
            "redirect_uri": redirect_uri, "started": int(time.time())}
    url, _state = _session(provider, redirect_uri).create_authorization_url(
        meta["authorization_endpoint"], state=flow["state"], nonce=flow["nonce"],
        code_verifier=flow["code_verifier"],
    )
    return url, flow


def finish(provider, flow, code) -> dict:
    """Exchange ``code`` and return the verified ID token's claims, or raise Refused / Unavailable."""
    if not code:
        raise Refused("code", "no code in the answer")
    meta = metadata(provider)
    try:
        token = _session(provider, flow["redirect_uri"]).fetch_token(
            meta["token_endpoint"], grant_type="authorization_code", code=code,
            code_verifier=flow["code_verifier"],
        )
    except requests.RequestException as exc:
        raise Unavailable(f"{meta['token_endpoint']}: {exc}") from exc
    except (OAuthError, ValueError) as exc:
        # invalid_grant and the like: a code already used, or one issued to someone else.
        raise Refused("code", str(exc)) from exc
    if not token.get("id_token"):
        raise Refused("malformed", "no id_token in the token response")
    claims = verify(provider, token["id_token"], nonce=flow["nonce"], access_token=token.get("access_token"))
    _nonce_spend(claims)
    return claims


def verify(provider, id_token, *, nonce, access_token=None) -> dict:
    """The claims of ``id_token`` if its signature and claims hold; else Refused with the reason."""
    registry = JWSRegistry(algorithms=ALGORITHMS)
    try:
        try:
            decoded = jwt.decode(id_token, _key_set(provider), registry=registry)
        except (InvalidKeyIdError, MissingKeyError):
            decoded = jwt.decode(id_token, _key_set(provider, fresh=True), registry=registry)
    except (BadSignatureError, InvalidKeyIdError, MissingKeyError) as exc:
        raise Refused("signature", str(exc)) from exc
    except (JoseError, ValueError, TypeError) as exc:
        raise Refused("malformed", str(exc)) from exc
    options = {
        "iss": {"essential": True, "value": metadata(provider)["issuer"]},
        "aud": {"essential": True, "value": provider.client_id},
    }
    params = {"nonce": nonce, "client_id": provider.client_id}
    if access_token:
        params["access_token"] = access_token
    claims = CodeIDToken(decoded.claims, decoded.header, options, params)
    try:
        claims.validate(leeway=LEEWAY)
    except ExpiredTokenError as exc:
        raise Refused("expired", str(exc)) from exc
    except ClaimError as exc:
        reason = {"aud": "audience", "azp": "audience", "iss": "issuer", "nonce": "nonce",
                  "exp": "expired", "iat": "expired"}.get(getattr(exc, "claim", ""), "malformed")
        raise Refused(reason, str(exc)) from exc
    if not isinstance(claims.get("sub"), str) or not claims["sub"]:
        raise Refused("malformed", "no subject")
    return dict(claims)


def _nonce_spend(claims):
    """A nonce is good once: the same ID token shown twice is a replay."""
    digest = hashlib.sha256(f"{claims.get('iss')}|{claims['nonce']}".encode()).hexdigest()[:40]
    ttl = max(60, int(claims.get("exp", 0) - time.time()) + LEEWAY)
    if not cache.add(f"oidc:nonce:{digest}", 1, ttl):
        raise Refused("replay", "nonce already used")

