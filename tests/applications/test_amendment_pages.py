"""The amendment pages: the proponent asks from the proposal page, the Office lists and decides."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from applications.amendments.services import amendment_decide, amendment_request
from applications.enums import AmendmentState, State
from applications.models import ProposalAmendment
from core.thai import be_year, local_date
from tests import paths
from tests.factories import ProposalFactory, StaffFactory, proponent

pytestmark = pytest.mark.django_db

NEW_NAME = "เมืองอัจฉริยะนครใหม่"


def member_of(proposal):
    return proposal.organisation.memberships.select_related("user").first().user


def form_data(proposal, **changes):
    data = {
        "name_th": proposal.name_th, "name_en": proposal.name_en,
        "provinces": [p.code for p in proposal.provinces.all()], "area_km2": "40.21",
        "boundary_description": proposal.boundary_description, "reason": "ชื่อใหม่ตามประกาศ", "confirm": "on",
    }
    data.update(changes)
    return data


def requested(proposal, name=NEW_NAME):
    return amendment_request(proposal=proposal, by=member_of(proposal), changes={"name_th": name},
                             reason="ชื่อใหม่ตามประกาศ")


def test_the_proposal_page_offers_the_request_and_the_form_is_prefilled(client):
    proposal = paths.bring_to(State.PROMOTION_ZONE)
    client.force_login(member_of(proposal))
    url = reverse("amendment-request", args=[proposal.pk])
    assert url in client.get(reverse("proposal-detail", args=[proposal.pk])).content.decode()
    form = client.get(url).content.decode()
    assert f'value="{proposal.name_th}"' in form and 'value="40.21"' in form
    assert 'name="confirm"' in form and 'name="reason"' in form


@pytest.mark.parametrize("missing", ["reason", "confirm"])
def test_a_request_needs_a_reason_and_the_confirmation(client, missing):
    proposal = paths.bring_to(State.PROMOTION_ZONE)
    client.force_login(member_of(proposal))
    data = form_data(proposal, name_th=NEW_NAME)
    del data[missing]
    response = client.post(reverse("amendment-request", args=[proposal.pk]), data)
    assert response.status_code == 400
    assert not ProposalAmendment.objects.exists()


def test_the_proponent_requests_and_sees_it_waiting(client):
    proposal = paths.bring_to(State.PROMOTION_ZONE)
    member = member_of(proposal)
    client.force_login(member)
    response = client.post(reverse("amendment-request", args=[proposal.pk]), form_data(proposal, name_th=NEW_NAME))
    amendment = ProposalAmendment.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("amendment-detail", args=[amendment.pk])
    assert (amendment.requested_by, list(amendment.changes)) == (member, ["name_th"])
    proposal.refresh_from_db()
    assert proposal.name_th != NEW_NAME
    detail = client.get(reverse("proposal-detail", args=[proposal.pk])).content.decode()
    assert NEW_NAME in detail and "amendment-pending" in detail
    # One waits at a time: the request is not offered again.
    assert reverse("amendment-request", args=[proposal.pk]) not in detail
    again = client.get(reverse("amendment-request", args=[proposal.pk])).content.decode()
    assert 'name="reason"' not in again and reverse("amendment-detail", args=[amendment.pk]) in again


def test_a_service_refusal_shows_beside_its_field(client):
    proposal = paths.bring_to(State.PROMOTION_ZONE)
    client.force_login(member_of(proposal))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("amendment-request", args=[proposal.pk]), form_data(proposal, provinces=[]))
    assert response.status_code == 400
    assert "Provinces: Provinces cannot be left empty" in response.content.decode()  # in the summary, by field
    assert not ProposalAmendment.objects.exists()


def test_strangers_get_404_and_the_office_cannot_request(client):
    proposal = paths.bring_to(State.PROMOTION_ZONE)
    amendment = requested(proposal)
    for user in (proponent(), paths.actor("evaluator", proposal), StaffFactory()):
        client.force_login(user)
        response = client.post(reverse("amendment-request", args=[proposal.pk]), form_data(proposal, name_en="X"))
        assert response.status_code == 404
    client.force_login(proponent())
    assert client.get(reverse("amendment-detail", args=[amendment.pk])).status_code == 404
    assert ProposalAmendment.objects.count() == 1


def test_a_draft_sends_its_proponent_back_to_the_editor(client):
    draft = ProposalFactory()
    client.force_login(proponent(organisation=draft.organisation))
    response = client.get(reverse("amendment-request", args=[draft.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("proposal-detail", args=[draft.pk])


def test_non_staff_cannot_decide(client):
    proposal = paths.bring_to(State.PROMOTION_ZONE)
    amendment = requested(proposal)
    for user in (member_of(proposal), proponent(), paths.actor("evaluator", proposal)):
        client.force_login(user)
        response = client.post(reverse("amendment-decide", args=[amendment.pk]), {"decision": "accept"})
        assert response.status_code == 404
    assert client.get(reverse("amendment-list")).status_code == 404
    amendment.refresh_from_db()
    proposal.refresh_from_db()
    assert amendment.state == AmendmentState.PENDING and proposal.name_th != NEW_NAME


def test_the_office_accepts_from_its_list_and_the_proposal_shows_it_in_thai_dates(client):
    proposal = paths.bring_to(State.CERTIFIED)
    old = proposal.name_th
    amendment = requested(proposal)
    staff = StaffFactory()
    client.force_login(staff)
    listed = client.get(reverse("amendment-list")).content.decode()
    assert reverse("amendment-detail", args=[amendment.pk]) in listed and NEW_NAME in listed
    detail = client.get(reverse("amendment-detail", args=[amendment.pk])).content.decode()
    assert reverse("amendment-decide", args=[amendment.pk]) in detail
    response = client.post(reverse("amendment-decide", args=[amendment.pk]), {"decision": "accept", "note": "ถูกต้อง"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.name_th == NEW_NAME
    assert NEW_NAME not in client.get(reverse("amendment-list")).content.decode()
    # Both sides read the history of amendments: before → after, who and when, in B.E. dates.
    amendment.refresh_from_db()
    with translation.override("th"):
        asked, decided = local_date(amendment.requested_at), local_date(amendment.decided_at)
    assert str(be_year(timezone.localdate().year)) in asked
    for user in (member_of(proposal), staff):
        client.force_login(user)
        page = client.get(reverse("amendment-detail", args=[amendment.pk]), HTTP_ACCEPT_LANGUAGE="th")
        text = page.content.decode()
        assert old in text and NEW_NAME in text and "ถูกต้อง" in text
        assert re.search(rf"{re.escape(str(member_of(proposal)))}, <time [^>]+>{asked}</time>", text)
        assert re.search(rf"{re.escape(str(staff))}, <time [^>]+>{decided}</time>", text)
        assert 'action="' + reverse("amendment-decide", args=[amendment.pk]) not in text  # decided: no form


def test_rejecting_from_the_page_needs_a_note(client):
    proposal = paths.bring_to(State.PROMOTION_ZONE)
    amendment = requested(proposal)
    client.force_login(StaffFactory())
    url = reverse("amendment-decide", args=[amendment.pk])
    response = client.post(url, {"decision": "reject", "note": ""})
    assert response.status_code == 400
    amendment.refresh_from_db()
    assert amendment.state == AmendmentState.PENDING
    client.post(url, {"decision": "reject", "note": "ไม่มีหลักฐาน"})
    amendment.refresh_from_db()
    proposal.refresh_from_db()
    assert amendment.state == AmendmentState.REJECTED and proposal.name_th != NEW_NAME


def test_the_office_s_list_is_paged_and_its_queries_do_not_grow(client, django_assert_max_num_queries):
    staff = StaffFactory()
    proposals = [paths.bring_to(State.PROMOTION_ZONE) for _ in range(3)]
    for i, proposal in enumerate(proposals):
        amendment_request(proposal=proposal, by=member_of(proposal), reason="เหตุผล",
                          changes={"name_th": f"ชื่อใหม่ {i}", "provinces": ["83"]})
    client.force_login(staff)
    with django_assert_max_num_queries(10) as few:
        assert client.get(reverse("amendment-list")).status_code == 200
    more = [paths.bring_to(State.PROMOTION_ZONE) for _ in range(27)]
    for i, proposal in enumerate(more):
        amendment_request(proposal=proposal, by=member_of(proposal), reason="เหตุผล",
                          changes={"name_th": f"อีกชื่อ {i}", "provinces": ["10"]})
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("amendment-list")).content.decode()
    assert page.count("/proposals/amendments/") >= 25 and "?page=2" in page
    assert "ชื่อใหม่ 0" in page  # oldest first
    assert "ชื่อใหม่ 0" not in client.get(reverse("amendment-list") + "?page=2").content.decode()


def test_the_accepted_amendment_is_in_the_public_timeline_without_the_officer(client):
    proposal = paths.bring_to(State.CERTIFIED)
    old = proposal.name_th
    amendment = requested(proposal)
    staff = StaffFactory(first_name="เจ้าหน้าที่", last_name="ผู้ตัดสิน")
    amendment_decide(amendment=amendment, by=staff, accept=True)
    page = client.get(reverse("proposal-detail", args=[proposal.pk])).content.decode()
    assert f"{old} → {NEW_NAME}" in page
    assert "ผู้ตัดสิน" not in page and "ชื่อใหม่ตามประกาศ" not in page  # the reason is the proponent's and the Office's
