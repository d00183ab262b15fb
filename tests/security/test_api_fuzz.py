"""Schemathesis over the whole OpenAPI schema: no server error, no response
that breaks the schema, whatever the input (a bounded number per operation).

The schema is the one /api/schema/ serves (drf-spectacular's generator, no
request needed); requests go to the WSGI application in this process, so
they see the test database. Calls are made as a proponent with an API token.
"""

import json

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from accounts.models import ApiToken
from applications.enums import State
from tests import paths

pytestmark = pytest.mark.slow  # a dozen generated requests for every operation of the API

# Examples per operation: enough to try odd values of every parameter, small
# enough for CI (about a minute for the whole schema).
EXAMPLES = 12

SPEC = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
schema = schemathesis.openapi.from_dict(SPEC)
schema.app = get_wsgi_application()


@pytest.fixture
def wsgi_keeps_the_test_connection():
    # A real WSGI request closes the database connection when it ends; the test
    # database lives in this test's transaction on that connection. Django's own
    # test client unhooks the same signal for the same reason.
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(db, wsgi_keeps_the_test_connection):
    proposal = paths.bring_to(State.SUBMITTED)
    member = proposal.organisation.memberships.get().user
    return ApiToken.objects.create(user=member)[1]


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_api_answers_within_its_schema(case, token):
    case.call_and_validate(
        headers={"Authorization": f"Token {token}", "Host": "testserver"},
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
    )


def test_schema_covers_both_apis():
    assert any(p.startswith("/api/v1/") for p in SPEC["paths"])
    assert any(p.startswith("/api/proposals/") for p in SPEC["paths"])
