"""A stranger gets 404; a proponent sees only its organisation's proposals."""

import pytest
from django.urls import reverse

from applications.enums import State
from applications.models import StatusChange
from applications.selectors import proposals_visible_to
from tests import paths
from tests.factories import ProposalFactory, StaffFactory, UserFactory, proponent


@pytest.fixture
def two_orgs():
    mine = proponent()
    other = proponent()
    my_draft = ProposalFactory(organisation=mine.memberships.get().organisation)
    their_draft = ProposalFactory(organisation=other.memberships.get().organisation)
    return mine, my_draft, their_draft


@pytest.mark.django_db
def test_proponent_sees_own_draft_not_others(client, two_orgs):
    mine, my_draft, their_draft = two_orgs
    client.force_login(mine)
    assert client.get(reverse("proposal-detail", args=[my_draft.pk])).status_code == 200
    assert client.get(reverse("proposal-detail", args=[their_draft.pk])).status_code == 404
    assert list(proposals_visible_to(mine)) == [my_draft]


@pytest.mark.django_db
def test_proponent_cannot_move_other_organisations_proposal(client, two_orgs):
    mine, _my_draft, their_draft = two_orgs
    client.force_login(mine)
    response = client.post(reverse("proposal-transition", args=[their_draft.pk]), {"action": "withdraw"})
    assert response.status_code == 404
    their_draft.refresh_from_db()
    assert their_draft.status == State.DRAFT
    api = client.post(f"/api/proposals/{their_draft.pk}/transition/", {"action": "withdraw"})
    assert api.status_code == 404


@pytest.mark.django_db
def test_proponent_cannot_make_staff_move(client):
    proposal = paths.bring_to(State.SUBMITTED)
    member = proposal.organisation.memberships.first().user
    client.force_login(member)
    response = client.post(f"/api/proposals/{proposal.pk}/transition/", {"action": "screen"})
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    proposal.refresh_from_db()
    assert proposal.status == State.SUBMITTED


@pytest.mark.django_db
def test_anonymous_cannot_see_drafts(client, two_orgs):
    _mine, my_draft, _their = two_orgs
    assert client.get(reverse("proposal-detail", args=[my_draft.pk])).status_code == 404
    assert client.get(f"/api/proposals/{my_draft.pk}/").status_code == 404
    assert client.get("/api/proposals/").json()["results"] == []
    assert client.post(reverse("proposal-transition", args=[my_draft.pk]), {"action": "submit"}).status_code == 302


@pytest.mark.django_db
def test_public_sees_declared_zone_but_cannot_act(client):
    proposal = paths.bring_to(State.PROMOTION_ZONE)
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(reverse("proposal-detail", args=[proposal.pk])).status_code == 200
    response = client.post(reverse("proposal-transition", args=[proposal.pk]), {"action": "withdraw"})
    assert response.status_code == 404


@pytest.mark.django_db
def test_page_shows_refusal_as_message_and_changes_nothing(client):
    proposal = paths.bring_to(State.SCREENING)
    client.force_login(StaffFactory())
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("proposal-transition", args=[proposal.pk]), {"action": "reject", "confirm": "yes"}, follow=True
    )
    assert response.status_code == 200
    texts = [str(m) for m in response.context["messages"]]
    assert texts == ["Write a note: Reject needs the reasons in the record."]
    proposal.refresh_from_db()
    assert proposal.status == State.SCREENING
    assert not StatusChange.objects.filter(proposal=proposal, action="reject").exists()


@pytest.mark.django_db
def test_pages_stay_thai_for_an_english_browser_until_the_switch(client):
    proposal = paths.bring_to(State.SCREENING)
    client.force_login(StaffFactory())
    response = client.post(
        reverse("proposal-transition", args=[proposal.pk]), {"action": "reject", "confirm": "yes"}, follow=True,
        HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9",
    )
    assert response.context["LANGUAGE_CODE"] == "th"
    assert [str(m) for m in response.context["messages"]] == [
        "กรุณาระบุเหตุผล: “ไม่รับข้อเสนอ” ต้องบันทึกเหตุผลไว้เป็นหลักฐาน"
    ]


@pytest.mark.django_db
def test_staff_move_through_page_writes_history(client):
    proposal = paths.bring_to(State.SUBMITTED)
    staff = StaffFactory()
    client.force_login(staff)
    response = client.post(reverse("proposal-transition", args=[proposal.pk]), {"action": "screen"})
    assert response.status_code == 302
    last = proposal.history.last()
    assert (last.action, last.actor, last.to_state) == ("screen", staff, State.SCREENING)


@pytest.mark.django_db
def test_api_refusal_carries_problems(client):
    user = proponent()
    proposal = ProposalFactory(organisation=user.memberships.get().organisation)
    client.force_login(user)
    response = client.post(
        f"/api/proposals/{proposal.pk}/transition/", {"action": "submit"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "guard"
    assert body["problems"][0] == "Criterion 1: choose the province(s) of the target area."


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 3])
def test_proposal_list_queries_do_not_grow(client, django_assert_num_queries, rows):
    staff = StaffFactory()
    for _ in range(rows):
        paths.bring_to(State.SUBMITTED)
    client.force_login(staff)
    client.get(reverse("proposal-list"))  # warms the header's cached outbox counts (staff only)
    # session, user, the page's count (issue 16: paged), proposals, provinces, plans+dimensions,
    # unread notifications (the header)
    with django_assert_num_queries(7):
        response = client.get(reverse("proposal-list"))
    assert response.status_code == 200
    assert len(response.context["proposals"]) == rows


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 3])
def test_api_list_queries_do_not_grow(client, django_assert_num_queries, rows):
    for _ in range(rows):
        paths.bring_to(State.PROMOTION_ZONE)
    with django_assert_num_queries(4):
        response = client.get("/api/proposals/")
    assert response.json()["count"] == rows


@pytest.mark.django_db
def test_stranger_404_page_is_thai_and_says_nothing_of_the_proposal(client, two_orgs):
    mine, _my_draft, their_draft = two_orgs
    client.force_login(mine)
    response = client.get(reverse("proposal-detail", args=[their_draft.pk]))
    assert response.status_code == 404
    text = response.content.decode()
    assert "ไม่พบหน้าที่ต้องการ" in text
    assert their_draft.name_th not in text


@pytest.mark.django_db
def test_final_move_without_confirmation_changes_nothing(client):
    proposal = paths.bring_to(State.SCREENING)
    client.force_login(StaffFactory())
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("proposal-transition", args=[proposal.pk]), {"action": "reject", "note": "ไม่ครบ"}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == ["Tick the box to confirm: this step cannot be undone."]
    proposal.refresh_from_db()
    assert proposal.status == State.SCREENING
    response = client.post(
        reverse("proposal-transition", args=[proposal.pk]),
        {"action": "reject", "note": "ไม่ครบ", "confirm": "yes"},
    )
    proposal.refresh_from_db()
    assert proposal.status == State.REJECTED


@pytest.mark.django_db
def test_final_move_form_asks_for_confirmation(client):
    proposal = paths.bring_to(State.SCREENING)
    client.force_login(StaffFactory())
    page = client.get(reverse("proposal-detail", args=[proposal.pk])).content.decode()
    assert page.count('name="confirm"') == 1  # reject only; screening's other moves can be followed up


@pytest.mark.django_db
def test_proponent_list_holds_only_own_organisation(client):
    mine = proponent()
    my_draft = ProposalFactory(organisation=mine.memberships.get().organisation)
    certified_elsewhere = paths.bring_to(State.CERTIFIED)
    client.force_login(mine)
    listed = [p.pk for p in client.get(reverse("proposal-list")).context["proposals"]]
    assert listed == [my_draft.pk]
    assert [p["id"] for p in client.get("/api/proposals/").json()["results"]] == [my_draft.pk]
    # The certified city is public: its page opens, it is just not in the work list.
    assert client.get(reverse("proposal-detail", args=[certified_elsewhere.pk])).status_code == 200


@pytest.mark.django_db
def test_certified_proposal_page_links_its_certificate(client):
    proposal = paths.bring_to(State.CERTIFIED)
    page = client.get(reverse("proposal-detail", args=[proposal.pk])).content.decode()
    assert proposal.certificate_number.startswith("SCT-")
    assert f'href="/reviews/certificates/{proposal.pk}.pdf">{proposal.certificate_number} (PDF)</a>' in page


@pytest.mark.django_db
def test_conflicted_member_cannot_open_the_dossier(client):
    from reviews.models import AgendaItem, ConflictDeclaration

    proposal = paths.bring_to(State.ON_AGENDA)
    member = paths.actor("member", proposal)
    client.force_login(member)
    dossier = reverse("version-detail", args=[proposal.pk, 1])
    assert client.get(dossier).status_code == 200
    for item in AgendaItem.objects.filter(proposal=proposal):
        ConflictDeclaration.objects.create(agenda_item=item, member=member, reason="เป็นผู้แทนหน่วยงานผู้ยื่น")
    assert client.get(dossier).status_code == 404
    # The public facts stay public (the proposal is on a published agenda).
    assert client.get(reverse("proposal-detail", args=[proposal.pk])).status_code == 200
