"""`proposals/` for signed-in users: scoped lists, drafts through the services, history and moves."""

import pytest
from django.utils import timezone

from accounts.models import ApiToken
from applications.enums import State
from applications.models import Proposal
from tests import paths
from tests.factories import ProposalFactory, StaffFactory, complete_proposal, proponent

pytestmark = pytest.mark.django_db
NEXT_YEAR = timezone.localdate().year + 1


def payload(**changes):
    data = {
        "name_th": "ภูเก็ตเมืองอัจฉริยะ",
        "name_en": "Phuket Smart City",
        "provinces": ["83"],
        "city_type": "livable",
        "plans": [
            {"dimension": "ENV", "summary": "ลดขยะ",
             "indicators": [{"indicator": "ENV-CO2", "baseline": "100", "target": "95", "target_year": NEXT_YEAR}]},
            {"dimension": "MOB", "summary": "รถโดยสารไฟฟ้า"},
        ],
    }
    data.update(changes)
    return data


@pytest.fixture
def me(api):
    user = proponent()
    api.force_authenticate(user)
    return user


def test_anonymous_is_asked_to_sign_in(api):
    response = api.get("/api/v1/proposals/")
    assert response.status_code == 403
    assert response.json() == {"detail": "Authentication credentials were not provided."}


def test_list_is_the_users_own_work(api, me):
    mine = ProposalFactory(organisation=me.memberships.get().organisation)
    ProposalFactory()  # another organisation's draft
    paths.bring_to(State.CERTIFIED)  # public, but not this user's work
    body = api.get("/api/v1/proposals/").json()
    assert body["count"] == 1
    assert [r["id"] for r in body["results"]] == [mine.pk]
    assert body["results"][0]["status"] == "draft"


def test_token_authentication_reads_the_same_list(me):
    from rest_framework.test import APIClient

    mine = ProposalFactory(organisation=me.memberships.get().organisation)
    _token, key = ApiToken.objects.create(user=me)
    client = APIClient(HTTP_AUTHORIZATION=f"Token {key}")
    assert [r["id"] for r in client.get("/api/v1/proposals/").json()["results"]] == [mine.pk]
    bad = APIClient(HTTP_AUTHORIZATION="Token 0000", HTTP_ACCEPT_LANGUAGE="en").get("/api/v1/proposals/")
    assert (bad.status_code, bad.json()) == (403, {"detail": "Invalid token."})


def test_create_a_draft_through_the_service(api, me):
    response = api.post("/api/v1/proposals/", payload(), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["provinces"], body["dimensions"]) == ("draft", ["83"], ["ENV", "MOB"])
    proposal = Proposal.objects.get(pk=body["id"])
    assert proposal.organisation_id == me.memberships.get().organisation_id
    assert list(proposal.history.values_list("action", "to_state", "actor")) == [("create", "draft", me.pk)]


def test_a_bad_field_is_named_and_nothing_saved(api, me):
    response = api.post("/api/v1/proposals/", payload(provinces=["83", "99"]), format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["provinces"]
    assert Proposal.objects.count() == 0


def test_edit_a_draft(api, me):
    created = api.post("/api/v1/proposals/", payload(), format="json").json()
    response = api.patch(f"/api/v1/proposals/{created['id']}/", {"vision": "เมืองสะอาด"}, format="json")
    assert response.status_code == 200
    assert Proposal.objects.get(pk=created["id"]).vision == "เมืองสะอาด"


def test_a_submitted_proposal_is_not_edited(api):
    proposal = paths.bring_to(State.SUBMITTED)
    api.force_authenticate(proposal.organisation.memberships.get().user)
    response = api.patch(f"/api/v1/proposals/{proposal.pk}/", {"vision": "ใหม่"}, format="json")
    assert response.status_code == 409
    assert response.json()["detail"] == "This proposal cannot be changed while it is “Submitted”."


def test_strangers_get_404_everywhere(api, me):
    other = complete_proposal(ProposalFactory())
    for url in (f"/api/v1/proposals/{other.pk}/", f"/api/v1/proposals/{other.pk}/transitions/",
                f"/api/v1/proposals/{other.pk}/history/"):
        assert api.get(url).status_code == 404, url
    assert api.patch(f"/api/v1/proposals/{other.pk}/", {"vision": "x"}, format="json").status_code == 404
    assert api.post(f"/api/v1/proposals/{other.pk}/transitions/", {"action": "submit"}).status_code == 404
    assert other.history.count() == 0


def test_transitions_lists_the_moves_with_unmet_conditions(api, me):
    proposal = ProposalFactory(organisation=me.memberships.get().organisation)
    response = api.get(f"/api/v1/proposals/{proposal.pk}/transitions/")
    assert response.status_code == 200
    moves = {m["action"]: m for m in response.json()}
    assert set(moves) == {"submit", "withdraw"}
    assert moves["submit"]["target"] == "submitted"
    assert moves["submit"]["problems"][0] == "Criterion 1: choose the province(s) of the target area."
    assert moves["withdraw"] == {
        "action": "withdraw", "label": "Withdraw", "target": "withdrawn", "target_display": "Withdrawn",
        "needs_note": False, "needs_deadline": False, "needs_resolution": False, "is_final": True,
        "problems": [],
    }
    complete_proposal(proposal)
    moves = {m["action"]: m for m in api.get(f"/api/v1/proposals/{proposal.pk}/transitions/").json()}
    assert moves["submit"]["problems"] == []


def test_staff_see_their_own_moves(api):
    proposal = paths.bring_to(State.SCREENING)
    api.force_authenticate(StaffFactory())
    actions = [m["action"] for m in api.get(f"/api/v1/proposals/{proposal.pk}/transitions/").json()]
    assert actions == ["return_for_revision", "reject", "declare_zone"]


def test_post_a_move_through_transition(api, me):
    proposal = complete_proposal(ProposalFactory(organisation=me.memberships.get().organisation))
    response = api.post(f"/api/v1/proposals/{proposal.pk}/transitions/",
                        {"action": "submit", "note": "ส่งแล้ว"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["action"], body["from_state"], body["to_state"], body["actor_role"], body["note"]) == (
        "submit", "draft", "submitted", "proponent", "ส่งแล้ว",
    )
    proposal.refresh_from_db()
    assert proposal.status == State.SUBMITTED
    history = api.get(f"/api/v1/proposals/{proposal.pk}/history/").json()
    assert [h["action"] for h in history] == ["submit"]


def test_a_move_not_ready_is_409_with_each_problem(api, me):
    proposal = ProposalFactory(organisation=me.memberships.get().organisation)
    response = api.post(f"/api/v1/proposals/{proposal.pk}/transitions/", {"action": "submit"}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "guard"
    assert body["problems"][0] == "Criterion 1: choose the province(s) of the target area."
    proposal.refresh_from_db()
    assert proposal.status == State.DRAFT


def test_a_move_of_the_wrong_state_or_role(api, me):
    proposal = complete_proposal(ProposalFactory(organisation=me.memberships.get().organisation))
    wrong_state = api.post(f"/api/v1/proposals/{proposal.pk}/transitions/", {"action": "certify"}, format="json")
    assert wrong_state.status_code == 409
    assert wrong_state.json() == {
        "detail": "“Certify (emblem handed over)” is not possible while the proposal is “Draft”.",
        "code": "not_allowed",
    }
    api.post(f"/api/v1/proposals/{proposal.pk}/transitions/", {"action": "submit"}, format="json")
    staff_move = api.post(f"/api/v1/proposals/{proposal.pk}/transitions/", {"action": "screen"}, format="json")
    assert staff_move.status_code == 403
    assert staff_move.json() == {"detail": "You may not “Start screening” this proposal.", "code": "forbidden"}


def test_a_move_missing_its_note_is_400_naming_the_field(api):
    proposal = paths.bring_to(State.SCREENING)
    api.force_authenticate(StaffFactory())
    response = api.post(f"/api/v1/proposals/{proposal.pk}/transitions/", {"action": "reject"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert (body["code"], body["field"]) == ("invalid", "note")
    unknown = api.post(f"/api/v1/proposals/{proposal.pk}/transitions/", {"action": "fly"}, format="json")
    assert unknown.status_code == 400
    assert list(unknown.json()) == ["action"]


def test_history_oldest_first(api):
    proposal = paths.bring_to(State.SCREENING)
    api.force_authenticate(proposal.organisation.memberships.get().user)
    rows = api.get(f"/api/v1/proposals/{proposal.pk}/history/").json()
    assert [(r["action"], r["to_state"]) for r in rows] == [
        ("create", "draft"), ("submit", "submitted"), ("screen", "screening"),
    ]


def test_a_move_decided_by_a_meeting_links_its_resolution(api):
    proposal = paths.bring_to(State.APPROVED)
    staff = StaffFactory()
    api.force_authenticate(staff)
    url = f"/api/v1/proposals/{proposal.pk}/transitions/"
    missing = api.post(url, {"action": "acknowledge"}, format="json")
    assert (missing.status_code, missing.json()["field"]) == (400, "resolution")
    elsewhere = paths.resolution(paths.bring_to(State.APPROVED), "acknowledge", "committee")
    assert api.post(url, {"action": "acknowledge", "resolution": elsewhere.pk}, format="json").status_code == 404
    resolution = paths.resolution(proposal, "acknowledge", "committee")
    response = api.post(url, {"action": "acknowledge", "resolution": resolution.pk}, format="json")
    assert response.status_code == 201, response.json()
    assert (response.json()["to_state"], response.json()["resolution"]) == ("acknowledged", resolution.pk)
    proposal.refresh_from_db()
    assert proposal.status == State.ACKNOWLEDGED
