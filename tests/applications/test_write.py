"""Writing a proposal: bad input names the field, and nothing is half-saved."""

import pytest
from django.utils import timezone, translation

from applications.enums import State
from applications.models import DimensionPlan, Initiative, PlanIndicator, Proposal, StatusChange
from tests import paths
from tests.factories import proponent

NEXT_YEAR = timezone.localdate().year + 1


def _payload(**changes):
    data = {
        "name_th": "ภูเก็ตเมืองอัจฉริยะ",
        "name_en": "Phuket Smart City",
        "provinces": ["83"],
        "area_km2": "543.03",
        "city_type": "livable",
        "total_budget_thb": "2500000.00",
        "plans": [
            {
                "dimension": "ENV",
                "summary": "ลดขยะ",
                "initiatives": [{"title": "เซนเซอร์คุณภาพอากาศ", "budget_thb": "2500000.00",
                                 "start_date": "2027-01-01", "end_date": "2027-12-31"}],
                "indicators": [{"indicator": "ENV-CO2", "baseline": "100", "target": "95",
                                "target_year": NEXT_YEAR}],
            },
            {"dimension": "MOB", "summary": "รถโดยสารไฟฟ้า"},
        ],
    }
    data.update(changes)
    return data


@pytest.fixture
def signed_in(client):
    user = proponent()
    client.force_login(user)
    return client, user


def _post(client, data):
    with translation.override("en"):
        return client.post("/api/proposals/", data, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.django_db
def test_create_draft_with_plans(signed_in):
    client, user = signed_in
    response = _post(client, _payload())
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["provinces"], body["dimensions"]) == ("draft", ["83"], ["ENV", "MOB"])
    proposal = Proposal.objects.get(pk=body["id"])
    assert proposal.organisation == user.memberships.get().organisation
    indicator = PlanIndicator.objects.get(plan__proposal=proposal)
    assert (indicator.indicator.code, indicator.name != "", indicator.target_year) == ("ENV-CO2", True, NEXT_YEAR)
    assert list(proposal.history.values_list("action", "to_state", "actor")) == [("create", "draft", user.pk)]


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"provinces": ["83", "99"]}, "provinces"),
        ({"area_km2": "-3"}, "area_km2"),
        ({"city_type": "floating"}, "city_type"),
        ({"total_budget_thb": "-1"}, "total_budget_thb"),
    ],
)
@pytest.mark.django_db
def test_bad_proposal_field_is_named_and_nothing_saved(signed_in, changes, field):
    client, _user = signed_in
    response = _post(client, _payload(**changes))
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert (Proposal.objects.count(), DimensionPlan.objects.count(), StatusChange.objects.count()) == (0, 0, 0)


@pytest.mark.django_db
def test_unknown_province_message_names_the_code(signed_in):
    client, _user = signed_in
    response = _post(client, _payload(provinces=["99"]))
    assert response.json() == {"provinces": ["Unknown province code: 99."]}


@pytest.mark.django_db
def test_negative_initiative_budget_is_named_by_path(signed_in):
    client, _user = signed_in
    data = _payload()
    data["plans"][0]["initiatives"][0]["budget_thb"] = "-500"
    response = _post(client, data)
    assert response.status_code == 400
    assert list(response.json()) == ["plans[0].initiatives[0].budget_thb"]
    assert (Proposal.objects.count(), Initiative.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_target_year_in_past_is_refused(signed_in):
    client, _user = signed_in
    data = _payload()
    data["plans"][0]["indicators"][0]["target_year"] = timezone.localdate().year - 1
    response = _post(client, data)
    assert response.json() == {"plans[0].indicators[0].target_year": ["The target year is in the past."]}
    assert Proposal.objects.count() == 0


@pytest.mark.django_db
def test_buddhist_era_target_year_gets_a_hint(signed_in):
    client, _user = signed_in
    data = _payload()
    data["plans"][0]["indicators"][0]["target_year"] = NEXT_YEAR + 543
    response = _post(client, data)
    assert response.json() == {
        "plans[0].indicators[0].target_year": [f"Enter the year in A.D. (e.g. {NEXT_YEAR}, not {NEXT_YEAR + 543})."]
    }


@pytest.mark.django_db
def test_end_before_start_is_refused(signed_in):
    client, _user = signed_in
    data = _payload()
    data["plans"][0]["initiatives"][0].update(start_date="2027-06-01", end_date="2027-01-01")
    response = _post(client, data)
    assert response.json() == {"plans[0].initiatives[0].end_date": ["The end date is before the start date."]}


@pytest.mark.django_db
def test_duplicate_dimension_is_refused(signed_in):
    client, _user = signed_in
    response = _post(client, _payload(plans=[{"dimension": "ENV"}, {"dimension": "env"}]))
    assert response.json() == {"plans[1].dimension": ["ENV is listed twice."]}


@pytest.mark.django_db
def test_update_of_submitted_proposal_is_refused(client):
    proposal = paths.bring_to(State.SUBMITTED)
    member = proposal.organisation.memberships.first().user
    client.force_login(member)
    response = client.patch(
        f"/api/proposals/{proposal.pk}/", {"vision": "ใหม่"}, content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 409
    assert response.json()["detail"] == "This proposal cannot be changed while it is “Submitted”."
    proposal.refresh_from_db()
    assert proposal.vision == "เมืองน่าอยู่ ปลอดภัย"


@pytest.mark.django_db
def test_update_that_fails_midway_keeps_old_plans(client):
    user = proponent()
    client.force_login(user)
    created = _post(client, _payload()).json()
    bad = _payload()
    bad["plans"][1]["initiatives"] = [{"title": "x", "budget_thb": "-1"}]
    response = client.patch(f"/api/proposals/{created['id']}/", bad, content_type="application/json")
    assert response.status_code == 400
    codes = list(DimensionPlan.objects.filter(proposal_id=created["id"]).values_list("dimension__code", flat=True))
    assert codes == ["ENV", "MOB"]
    assert Initiative.objects.filter(plan__proposal_id=created["id"]).count() == 1


@pytest.mark.django_db
def test_cannot_create_for_another_organisation(client):
    user = proponent()
    other = proponent()
    client.force_login(user)
    response = _post(client, _payload(organisation=other.memberships.get().organisation_id))
    assert response.status_code == 400
    assert list(response.json()) == ["organisation"]
    assert Proposal.objects.count() == 0
