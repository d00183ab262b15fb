"""API tokens answer to the privacy notice too (PDPA, issue 20).

The notice's middleware sees a session; a call with an API token is authenticated later, by REST
framework, so the middleware cannot tell it from an anonymous one. This authentication class is the
token's own check: until the person has accepted the notice in force (or after they refused it), a
call with their token is refused with the same message the middleware gives a browser session.
"""

from django.utils.translation import gettext as _
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox.auth import TokenAuthentication
from rest_framework import exceptions

from . import selectors


class NoticeTokenAuthentication(TokenAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        version = selectors.current_version()
        if version and selectors.answer_to(result[0], version) is not True:
            # The same body as the middleware's answer to a session ({"detail", "code"}).
            raise exceptions.PermissionDenied({
                "detail": _("Read and accept the portal's privacy notice first: open the portal in a browser."),
                "code": "privacy_notice",
            })
        return result


class NoticeTokenScheme(KnoxTokenScheme):
    """The schema describes the token as knox's own (the same header, the same "Token" prefix)."""

    target_class = "privacy.api.NoticeTokenAuthentication"
