"""How the API documents its refusals (OpenAPI), shared by the proposal and the other resources."""

from drf_spectacular.utils import OpenApiResponse

from .serializers import RefusalOutput

NOT_FOUND = OpenApiResponse(description="Not found, or not yours to see (never 403: existence is not confirmed).")
SIGN_IN = OpenApiResponse(RefusalOutput, description="Not signed in (send a session cookie or a token).")
# A 400 is either the workflow's refusal (detail, code, field) or DRF's field
# errors ({"field": ["message", ...]}): both shapes are documented (found by
# the schemathesis run in tests/security/test_api_fuzz.py).
FIELD_ERRORS = {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}}
INVALID = {"anyOf": [{"$ref": "#/components/schemas/RefusalOutput"}, FIELD_ERRORS]}
REFUSED = {
    400: OpenApiResponse(INVALID, description="Invalid input; the field at fault is named."),
    403: OpenApiResponse(RefusalOutput, description="Not signed in, or your role may not do this."),
    404: NOT_FOUND,
    409: OpenApiResponse(RefusalOutput, description="Not possible in the present state; the reason is given."),
}
