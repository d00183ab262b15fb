"""The API refuses a direct change of a public fact (409, nothing changed) and takes amendment requests."""

import pytest

from applications.amendments.services import amendment_decide
from applications.enums import State
from applications.models import ProposalAmendment
from tests import paths
from tests.factories import StaffFactory, proponent

pytestmark = pytest.mark.django_db

NEW_NAME = "เมืองอัจฉริยะนครใหม่"


@pytest.fixture
def zone():
    return paths.bring_to(State.PROMOTION_ZONE)


def member_of(proposal):
    return proposal.organisation.memberships.first().user


def test_patch_of_a_public_name_is_refused_with_the_way_to_amend_and_nothing_changes(api, zone):
    api.force_authenticate(member_of(zone))
    before = (zone.name_th, zone.vision, zone.updated_at, zone.history.count())
    response = api.patch(f"/api/v1/proposals/{zone.pk}/", {"name_th": NEW_NAME, "vision": "ใหม่"}, format="json")
    assert response.status_code == 409, response.json()
    body = response.json()
    assert (body["code"], body["field"]) == ("amendment_required", "name_th")
    assert "amendment" in body["detail"]
    zone.refresh_from_db()
    assert (zone.name_th, zone.vision, zone.updated_at, zone.history.count()) == before
    assert not ProposalAmendment.objects.exists()


def test_patch_of_other_fields_still_works(api, zone):
    api.force_authenticate(member_of(zone))
    response = api.patch(f"/api/v1/proposals/{zone.pk}/", {"name_th": zone.name_th, "vision": "ใหม่"}, format="json")
    assert response.status_code == 200, response.json()
    zone.refresh_from_db()
    assert zone.vision == "ใหม่"


def test_request_an_amendment_over_the_api_then_the_office_accepts(api, zone):
    api.force_authenticate(member_of(zone))
    response = api.post(f"/api/v1/proposals/{zone.pk}/amendments/",
                        {"name_th": NEW_NAME, "area_km2": "12.50", "reason": "ชื่อใหม่ตามประกาศ"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["state"] == "pending"
    assert body["changes"] == {"name_th": {"before": zone.name_th, "after": NEW_NAME},
                               "area_km2": {"before": "40.21", "after": "12.50"}}
    zone.refresh_from_db()
    assert zone.name_th != NEW_NAME
    amendment_decide(amendment=ProposalAmendment.objects.get(), by=StaffFactory(), accept=True)
    listed = api.get(f"/api/v1/proposals/{zone.pk}/amendments/").json()
    assert [(a["id"], a["state"]) for a in listed] == [(body["id"], "accepted")]
    assert api.get(f"/api/v1/proposals/{zone.pk}/").json()["name_th"] == NEW_NAME


def test_an_amendment_request_without_a_reason_or_change_is_a_400(api, zone):
    api.force_authenticate(member_of(zone))
    url = f"/api/v1/proposals/{zone.pk}/amendments/"
    assert api.post(url, {"name_th": NEW_NAME}, format="json").status_code == 400
    assert api.post(url, {"name_th": zone.name_th, "reason": "x"}, format="json").status_code == 400
    assert api.post(url, {"vision": "x", "reason": "x"}, format="json").status_code == 400  # not a fact: ignored
    assert not ProposalAmendment.objects.exists()


def test_strangers_get_404_and_the_office_may_read_but_not_request(api, zone):
    url = f"/api/v1/proposals/{zone.pk}/amendments/"
    api.force_authenticate(proponent())
    assert api.post(url, {"name_th": NEW_NAME, "reason": "x"}, format="json").status_code == 404
    assert api.get(url).status_code == 404
    # An evaluator assigned to the proposal works on it, but the requests are its organisation's and the Office's.
    api.force_authenticate(paths.actor("evaluator", zone))
    assert api.get(url).status_code == 404
    api.force_authenticate(StaffFactory())
    assert api.get(url).status_code == 200
    refused = api.post(url, {"name_th": NEW_NAME, "reason": "x"}, format="json")
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    assert not ProposalAmendment.objects.exists()


def test_the_refusal_is_in_thai_for_a_thai_reader(zone):
    from rest_framework.test import APIClient

    api = APIClient(HTTP_ACCEPT_LANGUAGE="th")
    api.force_authenticate(member_of(zone))
    response = api.patch(f"/api/v1/proposals/{zone.pk}/", {"area_km2": "1.00"}, format="json")
    assert response.status_code == 409
    assert "คำขอแก้ไขข้อมูลสาธารณะ" in response.json()["detail"]
    assert "ขนาดพื้นที่ (ตร.กม.)" in response.json()["detail"]
