"""The proposal page: links into the editor, the revision asked for, the checklist, withdrawing."""

import re

import pytest

from applications.enums import State
from tests import paths
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def page(client, proposal, lang="en"):
    client.cookies["django_language"] = lang
    return client.get(f"/proposals/{proposal.pk}/").content.decode()


def test_detail_offers_continue_writing_at_first_missing_step(writer, draft):
    writer.post(f"/proposals/{draft.pk}/edit/area/", {
        "name_th": "ภูเก็ต", "provinces": ["83"], "boundary_description": "ทั้งตำบล", "area_km2": "12",
        "city_type": "new", "vision": "น่าอยู่", "goals": "ลดคาร์บอน",
    })
    html = page(writer, draft)
    assert f'<a class="button" href="/proposals/{draft.pk}/edit/infrastructure/">Continue writing</a>' in html
    nav = re.search(r'<nav class="stepnav".*?</nav>', html, re.S).group(0)
    assert re.findall(r'href="/proposals/\d+/edit/(\w+)/"', nav) == [
        "area", "infrastructure", "platform", "dimensions", "management", "review"]
    item = "Criterion 3: describe the city data platform."
    assert f'<li><a href="/proposals/{draft.pk}/edit/platform/">{item}</a></li>' in html


def test_detail_of_submitted_proposal_has_no_edit_links(client):
    proposal = paths.bring_to(State.SUBMITTED)
    client.force_login(proposal.organisation.memberships.get().user)
    html = page(client, proposal)
    assert "/edit/" not in html and "Continue writing" not in html


def test_detail_shows_revision_request_with_deadline(client):
    proposal = paths.bring_to(State.REVISION_REQUESTED)
    change = proposal.history.get(to_state=State.REVISION_REQUESTED)
    client.force_login(proposal.organisation.memberships.get().user)
    html = page(client, proposal)
    box = re.search(r'<section class="revision-box".*?</section>', html, re.S).group(0)
    assert "The Office asks for revisions" in box
    assert f"Revise and resubmit by {change.deadline:%-d %B %Y}" in box
    assert f"<blockquote>{change.note}</blockquote>" in box
    assert f'href="/proposals/{proposal.pk}/edit/review/">Review and hand in</a>' in html


def test_detail_withdraw_needs_confirmation_tick(writer, draft):
    html = page(writer, draft)
    form = re.search(r'<form[^>]*class="move move-withdraw">.*?</form>', html, re.S).group(0)
    assert '<input type="checkbox" id="confirm-withdraw" name="confirm" value="yes" required>' in form
    response = writer.post(f"/proposals/{draft.pk}/transition/", {"action": "withdraw"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == State.DRAFT
    writer.post(f"/proposals/{draft.pk}/transition/", {"action": "withdraw", "confirm": "yes"})
    draft.refresh_from_db()
    assert draft.status == State.WITHDRAWN


def test_detail_timeline_names_the_office_not_the_officer_for_the_public(client):
    proposal = paths.bring_to(State.PROMOTION_ZONE)
    staff_name = str(proposal.history.get(action="screen").actor)
    client.force_login(UserFactory())
    html = page(client, proposal)
    assert "(Smart City Office)" in html and staff_name not in html
    assert "revision-box" not in html and "checklist-box" not in html


def test_detail_checklist_for_staff_reading_a_draft(client, draft):
    client.force_login(StaffFactory())
    html = page(client, draft)
    assert "Still missing before submission" in html
    assert "/edit/" not in html


def test_only_the_moves_that_fit_are_offered(client):
    """A screening revision offers the proposal's resubmission, not the plan's; a new
    certificate does not offer "renewal due" to staff three years early."""
    import re

    from applications.enums import State
    from applications.models import Proposal
    from tests import paths
    from tests.factories import StaffFactory

    revision = paths.bring_to(State.REVISION_REQUESTED)
    client.force_login(revision.organisation.memberships.get().user)
    html = client.get(f"/proposals/{revision.pk}/").content.decode()
    offered = re.findall(r'<input type="hidden" name="action" value="(\w+)">', html)
    assert "resubmit" in offered and "resubmit_plan" not in offered

    certified = paths.bring_to(State.CERTIFIED)
    client.force_login(StaffFactory())
    html = client.get(f"/proposals/{certified.pk}/").content.decode()
    assert "renewal_due" not in re.findall(r'<input type="hidden" name="action" value="(\w+)">', html)
    Proposal.objects.filter(pk=certified.pk).update(valid_until=certified.certified_on)  # the window is open
    html = client.get(f"/proposals/{certified.pk}/").content.decode()
    assert "renewal_due" in re.findall(r'<input type="hidden" name="action" value="(\w+)">', html)
