"""The schema is valid OpenAPI 3, every documented GET answers as documented, and the docs use no CDN."""

import re

import pytest
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate as validate_spec

from applications.enums import State
from tests import paths
from tests.factories import StaffFactory, proponent
from tests.voting.scenario import Item

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(api):
    response = api.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_valid_openapi_3(spec):
    validate_spec(spec)
    assert spec["openapi"].startswith("3.")
    v1 = sorted(p for p in spec["paths"] if p.startswith("/api/v1/"))
    assert v1 == [
        "/api/v1/auth/token/", "/api/v1/cities/", "/api/v1/cities/{id}/", "/api/v1/dimensions/",
        "/api/v1/dimensions/{code}/", "/api/v1/items/{id}/vote/", "/api/v1/meetings/", "/api/v1/meetings/{id}/",
        "/api/v1/proposals/", "/api/v1/proposals/{id}/", "/api/v1/proposals/{id}/amendments/",
        "/api/v1/proposals/{id}/history/", "/api/v1/proposals/{id}/transitions/", "/api/v1/provinces/",
        "/api/v1/provinces/{code}/",
    ]
    schemes = spec["components"]["securitySchemes"]
    assert set(schemes) == {"cookieAuth", "knoxApiToken"}
    # knox tokens travel as DRF's did: "Authorization: Token <key>".
    assert (schemes["knoxApiToken"]["in"], schemes["knoxApiToken"]["name"]) == ("header", "Authorization")
    assert '"Token"' in schemes["knoxApiToken"]["description"]


def check_body(spec, operation, response):
    """The body matches the documented schema of the answered status."""
    documented = operation["responses"][str(response.status_code)]
    content = documented.get("content", {}).get("application/json")
    if content is None:
        return 0
    schema = {**content["schema"], "components": spec["components"]}
    OAS30Validator(schema).validate(response.json())
    return 1


def documented_gets(spec):
    return [(path, op["get"]) for path, op in spec["paths"].items() if "get" in op and "{" not in path]


@pytest.fixture
def data():
    """Something in every list: a certified city, a meeting with an agenda item, a proponent's proposal."""
    paths.bring_to(State.CERTIFIED)
    scenario = Item(members=2)
    return scenario


@pytest.mark.parametrize("who", ["anonymous", "staff", "member", "proponent"])
def test_every_documented_get_answers_as_documented(api, spec, data, who):
    user = {"anonymous": None, "staff": StaffFactory(), "member": data.others[0],
            "proponent": proponent(organisation=data.proposal.organisation)}[who]
    if user:
        api.force_authenticate(user)
    gets = documented_gets(spec)
    assert {p for p, _op in gets} >= {
        "/api/v1/provinces/", "/api/v1/dimensions/", "/api/v1/cities/", "/api/v1/proposals/", "/api/v1/meetings/",
    }
    checked = 0
    for path, operation in gets:
        response = api.get(path)
        assert str(response.status_code) in operation["responses"], (path, response.status_code)
        if user or path in ("/api/v1/provinces/", "/api/v1/dimensions/", "/api/v1/cities/"):
            assert response.status_code == 200, (path, response.content)
        checked += check_body(spec, operation, response)
    assert checked == len(gets)


def test_detail_endpoints_answer_as_documented(api, spec, data):
    """The documented paths with an id, filled with real rows, as the member who may see them."""
    api.force_authenticate(data.others[0])
    city = paths.bring_to(State.PROMOTION_ZONE)
    urls = {
        "/api/v1/cities/{id}/": f"/api/v1/cities/{city.pk}/",
        "/api/v1/dimensions/{code}/": "/api/v1/dimensions/ENV/",
        "/api/v1/provinces/{code}/": "/api/v1/provinces/83/",
        "/api/v1/meetings/{id}/": f"/api/v1/meetings/{data.meeting.pk}/",
        "/api/v1/proposals/{id}/": f"/api/v1/proposals/{data.proposal.pk}/",
        "/api/v1/proposals/{id}/history/": f"/api/v1/proposals/{data.proposal.pk}/history/",
        "/api/v1/proposals/{id}/transitions/": f"/api/v1/proposals/{data.proposal.pk}/transitions/",
        "/api/proposals/{id}/": f"/api/proposals/{data.proposal.pk}/",
        "/api/proposals/{id}/history/": f"/api/proposals/{data.proposal.pk}/history/",
        "/api/v1/proposals/{id}/amendments/": f"/api/v1/proposals/{city.pk}/amendments/",
    }
    assert set(urls) == {p for p, op in spec["paths"].items() if "get" in op and "{" in p}
    # Amendments are read by the city's own organisation (a body's member gets 404).
    readers = {"/api/v1/proposals/{id}/amendments/": city.organisation.memberships.first().user}
    for template, url in urls.items():
        api.force_authenticate(readers.get(template, data.others[0]))
        response = api.get(url)
        assert response.status_code == 200, (url, response.content)
        assert check_body(spec, spec["paths"][template]["get"], response) == 1


@pytest.mark.parametrize("url", ["/api/docs/", "/api/v1/docs/"])
def test_docs_are_swagger_ui_from_our_own_static_files(api, url):
    response = api.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<div id="swagger-ui"></div>' in html
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in sources
    # Static files, plus the page's own start-up script (a file, for the strict CSP).
    assert sources and all(s.startswith("/static/") or s == f"{url}?script=" for s in sources), sources
    assert "<script>" not in html and "<style>" not in html
    script = api.get(f"{url}?script=").content.decode()
    for word in ("cdn", "jsdelivr", "unpkg", "http://", "https://"):
        assert word not in html.lower(), word
        assert word not in script.lower(), word
    assert '"/api/schema/"' in script
