"""`cities/` and `proposals/` read the same number of queries for 1 row as for 200 (and at most 10)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applications.models import DimensionPlan
from dimensions.models import Dimension
from tests import paths
from tests.factories import OrganisationFactory, ProposalFactory, proponent, province

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def urls_loaded():
    """Load the URL conf before counting: importing it registers the metrics collector, which
    reads the outbox once (two queries that belong to the process's first request, not to the page)."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (the import is the point)


def rows(n, organisation, public):
    """``n`` proposals with two provinces and two dimension plans each; public ones are declared zones."""
    from tests.factories import StaffFactory, complete_proposal

    staff = StaffFactory()
    provinces = [province("50"), province("57")]
    dims = list(Dimension.objects.filter(code__in=["ENV", "MOB"]))
    start = timezone.now() - datetime.timedelta(days=2)
    for _ in range(n):
        proposal = ProposalFactory(organisation=organisation)
        proposal.provinces.set(provinces)
        if public:
            complete_proposal(proposal)
            paths.move_along(proposal, ["submit", "screen", "declare_zone"], staff=staff, start=start,
                             proponent=organisation.memberships.first().user)
        else:
            DimensionPlan.objects.bulk_create(DimensionPlan(proposal=proposal, dimension=d) for d in dims)


@pytest.mark.parametrize("n", [1, pytest.param(200, marks=pytest.mark.slow)])
def test_cities_queries_do_not_grow(api, n, django_assert_num_queries):
    organisation = OrganisationFactory()
    proponent(organisation=organisation)
    rows(n, organisation, public=True)
    # count, rows (joined), provinces, dimension plans with their dimension
    with django_assert_num_queries(4):
        response = api.get("/api/v1/cities/", {"page_size": 200})
    body = response.json()
    assert (body["count"], len(body["results"])) == (n, n)
    assert body["results"][0]["provinces"] == ["50", "57"]
    assert body["results"][0]["dimensions"] == ["ENV", "MOB"]


@pytest.mark.parametrize("n", [1, pytest.param(200, marks=pytest.mark.slow)])
def test_proposals_queries_do_not_grow(api, n, django_assert_num_queries):
    organisation = OrganisationFactory()
    user = proponent(organisation=organisation)
    rows(n, organisation, public=False)
    api.force_authenticate(user)
    # memberships, count, rows (joined), provinces, dimension plans with their dimension
    with django_assert_num_queries(5):
        response = api.get("/api/v1/proposals/", {"page_size": 200})
    body = response.json()
    assert (body["count"], len(body["results"])) == (n, n)
    assert body["results"][0]["provinces"] == ["50", "57"]
    assert body["results"][0]["dimensions"] == ["ENV", "MOB"]


def test_signed_in_with_a_session_stays_under_ten(client):
    organisation = OrganisationFactory()
    user = proponent(organisation=organisation)
    rows(3, organisation, public=False)
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/api/v1/proposals/", {"page_size": 200})
    assert response.status_code == 200
    # session, user, then the five above
    assert len(ctx) == 7
