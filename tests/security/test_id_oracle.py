"""Issue 17, finding 8: a filter on an id the caller may not know answers an empty list, not an error.

``?organisation=N`` on the proposal lists once answered 200 for an existing organisation
and 400 "invalid choice" for a missing one, to anyone: a way to count the organisations.
"""

import pytest
from rest_framework.test import APIClient

from tests.factories import OrganisationFactory, ProposalFactory, proponent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix", ["/api/v1/proposals/", "/api/proposals/"])
def test_existing_and_missing_organisation_ids_answer_alike(prefix):
    api = APIClient()
    me = proponent()
    api.force_authenticate(me)
    mine = ProposalFactory(organisation=me.memberships.get().organisation)
    other = OrganisationFactory()
    ProposalFactory(organisation=other)

    theirs = api.get(prefix, {"organisation": other.pk})
    missing = api.get(prefix, {"organisation": other.pk + 10_000})
    assert (theirs.status_code, theirs.json()["count"]) == (200, 0)
    assert (missing.status_code, missing.json()["count"]) == (200, 0)
    own = api.get(prefix, {"organisation": mine.organisation_id}).json()
    assert [r["id"] for r in own["results"]] == [mine.pk]
