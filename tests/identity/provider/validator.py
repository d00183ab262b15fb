"""The provider's ID tokens: the person's claims, and the forgeries a test asks for.

Each forgery is what an attacker (or a broken provider) could hand the portal at its token
endpoint; the portal must refuse every one:

- ``wrong_signature``: the real claims, signed with another RSA key under the real key's id;
- ``wrong_audience``: issued to another client;
- ``expired``: expired an hour ago (signed with the real key);
- ``replay``: the ID token of an earlier sign-in (real, unexpired, another nonce).
"""

import json
import time

from django.contrib.auth.models import Group
from jwcrypto import jwk, jwt
from oauth2_provider.oauth2_validators import OAuth2Validator

from . import views

_forger_key = None
_last_issued = {}  # user pk -> the last real ID token, for "replay"


def _forger():
    global _forger_key
    if _forger_key is None:
        _forger_key = jwk.JWK.generate(kty="RSA", size=2048)
    return _forger_key


class ForgingValidator(OAuth2Validator):
    def get_additional_claims(self, request):
        user = request.user
        unverified = Group.objects.filter(name="unverified", user=user).exists()
        return {
            "email": user.email,
            "email_verified": not unverified,
            "given_name": user.first_name,
            "family_name": user.last_name,
            "name": f"{user.first_name} {user.last_name}".strip(),
        }

    def finalize_id_token(self, id_token, token, token_handler, request):
        real = super().finalize_id_token(id_token, token, token_handler, request)
        mode = views.STATE["mode"]
        user_pk = request.user.pk
        if mode == "replay":
            # The token endpoint's answer carries the earlier token instead (views.ProviderMiddleware):
            # here the real one is returned, as the provider's own records (its access token) need it.
            views.STATE["swap"] = _last_issued.get(user_pk, real)
            return real
        _last_issued[user_pk] = real
        if not mode:
            return real
        header, claims = _parts(real)
        if mode == "wrong_signature":
            return _sign(header, claims, _forger())
        if mode == "wrong_audience":
            claims["aud"] = "another-client"
        elif mode == "expired":
            claims["iat"], claims["exp"] = int(time.time()) - 7200, int(time.time()) - 3600
        return _sign(header, claims, request.client.jwk_key)


def _parts(serialized):
    token = jwt.JWT(jwt=serialized)  # not verified: it is ours
    return json.loads(token.token.objects["protected"]), json.loads(token.token.objects["payload"])


def _sign(header, claims, key):
    token = jwt.JWT(header=json.dumps(header), claims=json.dumps(claims))
    token.make_signed_token(key)
    return token.serialize()
