"""/api/v1/auth/token/: a username and password exchanged for a new API token.

One token per device or script (django-rest-knox, accounts.ApiToken), expiring after
API_TOKEN_DAYS; its owner lists and revokes them at /accounts/tokens/. The door keeps the
one sign-in policy (accounts/signin.py): a lockout earned at the sign-in page or the
admin's holds here, and failures here count there.

The people who decide (accounts/second_factor.py), while OTP_REQUIRED_FOR_DECIDERS is on, send
the code of their authenticator app (or a recovery code) as ``otp`` with the password: a token
is as good as a signed-in session, so it asks for the same two factors. A wrong code counts as a
failed sign-in, as at the pages. Someone who has not set up an app yet is told to do so in a
browser first (enrolling needs the QR code). Where the Office's rule asks the people who decide
to sign in through ThaiD or DGA Digital ID (identity/policy.py), their password gets no token.
"""

from collections.abc import Mapping

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import second_factor, services, signin
from accounts.permissions import decides
from core.throttling import SharedAnonRateThrottle
from identity import policy as sign_in_rule


class TokenInput(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)
    device = serializers.CharField(
        required=False, allow_blank=True, max_length=100,
        help_text="Which device or script will hold the token, shown on your tokens page "
                  "(default: the User-Agent header).",
    )
    otp = serializers.CharField(
        required=False, allow_blank=True, max_length=32,
        help_text="Office staff, evaluators and members of the bodies: the 6-digit code your authenticator "
                  "app shows now (or a recovery code), when the portal asks for a second factor.",
    )


class TokenOutput(serializers.Serializer):
    token = serializers.CharField(help_text="Send it as `Authorization: Token <token>`. Shown only this once.")
    expiry = serializers.DateTimeField(help_text="The token stops working then; ask for a new one.")


def _refused(refused):
    return Response(signin.refusal_body(refused), status=status.HTTP_429_TOO_MANY_REQUESTS,
                    headers={"Retry-After": str(refused.retry_after)})


class TokenView(APIView):
    authentication_classes = []  # a credentials exchange: no session, so no CSRF check
    permission_classes = [AllowAny]
    throttle_classes = [SharedAnonRateThrottle]

    @extend_schema(
        summary="Get a new API token (send it as `Authorization: Token <token>`)",
        description="Each call issues a new token for one device or script, valid for a number of days "
                    "(`expiry`); list and revoke yours at /accounts/tokens/. A password change revokes them all.",
        auth=[], request=TokenInput,
        responses={200: TokenOutput,
                   400: OpenApiResponse(description="Wrong username or password; or a second factor is needed "
                                                    "(`code`: second_factor_required) or wrong "
                                                    "(`code`: second_factor_invalid)."),
                   403: OpenApiResponse(description="A second factor is needed but none is set up yet "
                                                    "(`code`: second_factor_not_enrolled): set it up in a browser."),
                   429: OpenApiResponse(description="Locked out after too many failures, or throttled "
                                                    "(`code`: locked_out, address_locked, rate_limited).")},
    )
    def post(self, request, *args, **kwargs):
        data = request.data if isinstance(request.data, Mapping) else {}
        refused = signin.refusal(request._request, door=signin.SIGN_IN, username=data.get("username"))
        if refused is not None:
            return _refused(refused)
        form = TokenInput(data=data)
        form.is_valid(raise_exception=True)
        # axes sees this request: its failures count toward the same lockout as the pages'.
        user = authenticate(request=request, username=form.validated_data["username"],
                            password=form.validated_data["password"])
        if user is None:
            # axes marks the request it was given (this DRF request) when the pair is locked out.
            if getattr(request, "axes_locked_out", False):
                return _refused(signin.Refusal("account", signin.HOUR))
            raise serializers.ValidationError(
                {"non_field_errors": [_("Unable to log in with provided credentials.")]}, code="authorization"
            )
        if decides(user) and sign_in_rule.provider_required():
            detail = _("Your role decides on proposals: sign in with ThaiD or DGA Digital ID, not with a password.")
            return Response({"detail": str(detail), "code": "provider_sign_in_required"},
                            status=status.HTTP_403_FORBIDDEN)
        if second_factor.required(user):
            refused = self._second_factor(request, user, form.validated_data.get("otp", ""))
            if refused is not None:
                return refused
        name = form.validated_data.get("device") or request.headers.get("User-Agent", "")
        token, key = services.api_token_issue(user=user, name=name)
        return Response(TokenOutput({"token": key, "expiry": token.expiry}).data)

    @staticmethod
    def _second_factor(request, user, code):
        """None when ``code`` passes the person's second factor; otherwise the refusal."""
        if not second_factor.enrolled(user):
            error = second_factor.NotEnrolled()
            return Response({**error.as_dict(), "field": "otp"}, status=status.HTTP_403_FORBIDDEN)
        if not code.strip():
            detail = _("Your account signs in with a second factor: send the code your authenticator app shows "
                       "now as otp, with your password.")
            return Response({"detail": str(detail), "code": "second_factor_required", "field": "otp"},
                            status=status.HTTP_400_BAD_REQUEST)
        try:
            second_factor.second_factor_verify(user=user, code=code)
        except second_factor.WrongCode as exc:
            # Counted as a failed sign-in (axes marks this request when the pair is now locked).
            signin.code_failure(request, username=user.get_username())
            if getattr(request, "axes_locked_out", False):
                return _refused(signin.Refusal("account", signin.HOUR))
            return Response({**exc.as_dict(), "field": "otp"}, status=status.HTTP_400_BAD_REQUEST)
        except second_factor.TooSoon as exc:
            return Response({**exc.as_dict(), "field": "otp"}, status=status.HTTP_429_TOO_MANY_REQUESTS,
                            headers={"Retry-After": str(exc.seconds)})
        return None
