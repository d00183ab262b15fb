"""A new proposal: its name, the organisation when there are several, then step 1."""

import pytest

from accounts.models import Membership
from applications.enums import Action, State
from applications.models import Proposal
from tests.factories import OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_new_proposal_for_single_organisation_goes_to_step_one(writer, member):
    page = writer.get("/proposals/new/").content.decode()
    assert 'name="organisation"' in page and 'type="hidden" name="organisation"' in page
    response = writer.post("/proposals/new/", {"name_th": "หาดใหญ่อัจฉริยะ", "name_en": "Hat Yai Smart City"})
    proposal = Proposal.objects.get(name_th="หาดใหญ่อัจฉริยะ")
    assert (response.status_code, response["Location"]) == (302, f"/proposals/{proposal.pk}/edit/area/")
    assert (proposal.name_en, proposal.status, proposal.organisation, proposal.created_by) == (
        "Hat Yai Smart City", State.DRAFT, member.memberships.get().organisation, member
    )
    assert list(proposal.history.values_list("action", "actor")) == [(Action.CREATE, member.pk)]


def test_new_proposal_member_of_several_chooses_organisation(writer, member):
    second = OrganisationFactory(name_th="เทศบาลนครหาดใหญ่", name_en="Hat Yai City Municipality")
    Membership.objects.create(user=member, organisation=second)
    page = writer.get("/proposals/new/").content.decode()
    assert 'type="radio" name="organisation"' in page and "Hat Yai City Municipality" in page
    writer.post("/proposals/new/", {"name_th": "หาดใหญ่", "organisation": second.pk})
    assert Proposal.objects.get(name_th="หาดใหญ่").organisation == second


def test_new_proposal_for_foreign_organisation_refused(writer):
    foreign = OrganisationFactory()
    response = writer.post("/proposals/new/", {"name_th": "แอบยื่น", "organisation": foreign.pk})
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert not Proposal.objects.filter(name_th="แอบยื่น").exists()


def test_new_proposal_without_name_shows_error_in_summary(writer):
    response = writer.post("/proposals/new/", {"name_th": ""})
    html = response.content.decode()
    assert '<a href="#id_name_th">Name of the target area (Thai): This field is required.</a>' in html
    assert Proposal.objects.count() == 0


def test_new_proposal_not_for_people_outside_organisations(client):
    client.force_login(StaffFactory())
    assert client.get("/proposals/new/").status_code == 404
