"""`cities/`: the public register, public states only, the register's filters, paginated."""

import pytest

from applications.enums import State
from tests import paths
from tests.factories import ProposalFactory, complete_proposal, province

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    certified = paths.bring_to(State.CERTIFIED)
    certified.name_th, certified.name_en = "นครเชียงรายสู่เมืองอัจฉริยะ", "Chiang Rai Smart City"
    certified.save()
    certified.provinces.set([province("57")])
    zone = paths.bring_to(State.PROMOTION_ZONE)
    zone.provinces.set([province("83")])
    draft = complete_proposal(ProposalFactory())
    screening = paths.bring_to(State.SCREENING)
    return certified, zone, draft, screening


def names(response):
    assert response.status_code == 200, response.content
    return [row["name_en"] for row in response.json()["results"]]


def test_only_public_states_are_listed(api, register):
    certified, zone, _draft, _screening = register
    body = api.get("/api/v1/cities/").json()
    assert body["count"] == 2
    assert {r["id"] for r in body["results"]} == {certified.pk, zone.pk}
    row = next(r for r in body["results"] if r["id"] == certified.pk)
    assert row["status"] == "certified"
    assert row["status_display"] == "Certified smart city"
    assert row["provinces"] == ["57"]
    assert row["dimensions"] == ["ENV", "MOB"]
    assert row["certificate_number"] == f"SCT-{certified.certified_on.year + 543}-{certified.pk:05d}"
    assert row["certified_on"] == certified.certified_on.isoformat()
    assert (row["round"], row["source"]) == (None, "")


def test_a_draft_is_not_found_in_the_register(api, register):
    _certified, zone, draft, screening = register
    assert api.get(f"/api/v1/cities/{draft.pk}/").status_code == 404
    assert api.get(f"/api/v1/cities/{screening.pk}/").status_code == 404
    assert api.get(f"/api/v1/cities/{zone.pk}/").json()["status"] == "promotion_zone"


def test_filters_are_the_register_pages_filters(api, register):
    certified, zone, _draft, _screening = register
    assert names(api.get("/api/v1/cities/", {"q": "เชียงราย"})) == ["Chiang Rai Smart City"]
    assert names(api.get("/api/v1/cities/", {"province": "83"})) == [zone.name_en]
    assert names(api.get("/api/v1/cities/", {"state": "certified"})) == ["Chiang Rai Smart City"]
    # Chiang Rai is in the north in both schemes; Phuket in the south.
    assert names(api.get("/api/v1/cities/", {"region": "north"})) == ["Chiang Rai Smart City"]
    assert names(api.get("/api/v1/cities/", {"region": "south", "region_scheme": "four"})) == [zone.name_en]
    year_be = certified.certified_on.year + 543
    assert names(api.get("/api/v1/cities/", {"year": year_be})) == ["Chiang Rai Smart City"]
    assert names(api.get("/api/v1/cities/", {"dimension": "GOV"})) == []


def test_a_bad_filter_value_is_a_400_naming_it(api, register):
    response = api.get("/api/v1/cities/", {"state": "draft"})
    assert response.status_code == 400
    assert list(response.json()) == ["state"]


def test_paginated(api, register):
    first = api.get("/api/v1/cities/", {"page_size": 1}).json()
    assert (first["count"], len(first["results"]), first["previous"]) == (2, 1, None)
    assert first["next"] == "http://testserver/api/v1/cities/?page=2&page_size=1"
    second = api.get(first["next"]).json()
    assert second["next"] is None
    assert {first["results"][0]["id"], second["results"][0]["id"]} == {register[0].pk, register[1].pk}


def test_anonymous_readers_are_served_from_the_cache_until_a_city_changes(api, register, django_assert_num_queries):
    certified = register[0]
    first = api.get("/api/v1/cities/", {"state": "certified"}).json()
    with django_assert_num_queries(0):
        again = api.get("/api/v1/cities/", {"state": "certified"})
    assert again.json() == first
    detail = api.get(f"/api/v1/cities/{certified.pk}/").json()
    with django_assert_num_queries(0):
        assert api.get(f"/api/v1/cities/{certified.pk}/").json() == detail
    certified.name_en = "Chiang Rai Smart City (renamed)"
    certified.save()
    assert names(api.get("/api/v1/cities/", {"state": "certified"})) == ["Chiang Rai Smart City (renamed)"]
    assert api.get(f"/api/v1/cities/{certified.pk}/").json()["name_en"] == "Chiang Rai Smart City (renamed)"


def test_signed_in_readers_are_not_served_from_the_cache(api, register, django_assert_num_queries):
    from tests.factories import UserFactory

    api.force_authenticate(UserFactory())
    api.get("/api/v1/cities/")
    with django_assert_num_queries(4):
        assert api.get("/api/v1/cities/").status_code == 200
