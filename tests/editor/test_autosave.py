"""Autosave: what was typed is kept even when not valid yet, and brought back."""

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from applications.models import Proposal, StepDraft
from tests.factories import proponent

pytestmark = pytest.mark.django_db


def autosave_url(proposal, step):
    return f"/proposals/{proposal.pk}/edit/{step}/autosave/"


def test_autosave_keeps_invalid_value_in_stash_not_in_proposal(writer, draft, member):
    before = Proposal.objects.get(pk=draft.pk).updated_at
    response = writer.post(autosave_url(draft, "area"), {"name_th": "ภูเก็ต", "area_km2": "-3", "vision": "ใหม่"},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    kept_at = timezone.localtime(StepDraft.objects.get().saved_at)
    assert response.content.decode().startswith(
        f"Kept at {kept_at:%H:%M}, not saved to the proposal yet: 1 entry needs fixing (press Save to see it)"
    )
    stash = StepDraft.objects.get(proposal=draft, step="area", user=member)
    assert stash.data == {"name_th": ["ภูเก็ต"], "area_km2": ["-3"], "vision": ["ใหม่"]}
    assert int(response["X-Saved-At"]) == int(stash.saved_at.timestamp() * 1000)
    proposal = Proposal.objects.get(pk=draft.pk)
    assert (proposal.vision, proposal.area_km2, proposal.updated_at) == ("", None, before)


def test_step_page_restores_stash_with_its_time(writer, draft):
    writer.post(autosave_url(draft, "area"), {"name_th": "ภูเก็ต", "area_km2": "-3", "vision": "ใหม่"})
    stash = StepDraft.objects.get()
    html = writer.get(f"/proposals/{draft.pk}/edit/area/").content.decode()
    saved = timezone.localtime(stash.saved_at)
    assert f"We restored what you typed on {saved:%-d %B %Y} at {saved:%H:%M}" in html
    assert 'name="area_km2" value="-3"' in html
    assert '<textarea name="vision" cols="40" rows="5" id="id_vision">\nใหม่</textarea>' in html
    # Looking did not save anything.
    assert Proposal.objects.get(pk=draft.pk).vision == ""


def test_step_page_restored_unreadable_value_shown_beside_field(writer, draft):
    writer.post(autosave_url(draft, "area"), {"name_th": "ภูเก็ต", "area_km2": "สิบ"})
    html = writer.get(f"/proposals/{draft.pk}/edit/area/").content.decode()
    assert 'name="area_km2" value="สิบ"' in html
    assert '<ul class="errorlist" id="id_area_km2_error"><li>Enter a number.</li></ul>' in html


def test_autosave_of_valid_step_saves_and_drops_stash(writer, draft):
    writer.post(autosave_url(draft, "platform"), {"data_platform": "ร่าง"})  # valid: saved at once
    assert StepDraft.objects.count() == 0
    writer.post(autosave_url(draft, "area"), {"name_th": ""})  # invalid: kept
    assert StepDraft.objects.count() == 1
    response = writer.post(autosave_url(draft, "area"), {"name_th": "ภูเก็ต", "vision": "น่าอยู่"})
    assert response.content.decode().startswith("Saved at ")
    assert StepDraft.objects.count() == 0
    proposal = Proposal.objects.get(pk=draft.pk)
    assert (proposal.data_platform, proposal.vision) == ("ร่าง", "น่าอยู่")
    assert int(response["X-Saved-At"]) == int(proposal.updated_at.timestamp() * 1000)


def test_autosave_swaps_checklist_and_step_marks(writer, draft):
    html = writer.post(autosave_url(draft, "platform"), {"data_platform": "เปิด"}).content.decode()
    assert '<section class="checklist-box live-checklist" id="checklist" aria-labelledby="live-checklist-h" ' \
           'hx-swap-oob="true">' in html
    assert 'id="step-nav" aria-label="Steps of the proposal" hx-swap-oob="true">' in html
    assert "Criterion 3" not in html and "Criterion 5: describe the management model." in html


def test_autosave_signed_out_answers_401_json(client, draft):
    response = client.post(autosave_url(draft, "area"), {"vision": "ข้อความ"})
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["error"] == "signed_out"
    assert StepDraft.objects.count() == 0


def test_autosave_without_csrf_token_answers_403_json(member, draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post(autosave_url(draft, "area"), {"vision": "ข้อความ"})
    assert response.status_code == 403
    assert json.loads(response.content)["error"] == "csrf"
    assert StepDraft.objects.count() == 0


def test_autosave_with_csrf_token_accepted(member, draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    page = client.get(f"/proposals/{draft.pk}/edit/platform/")
    token = page.context["csrf_token"]
    response = client.post(autosave_url(draft, "platform"), {"data_platform": "เปิด", "csrfmiddlewaretoken": str(token)})
    assert response.status_code == 200
    assert Proposal.objects.get(pk=draft.pk).data_platform == "เปิด"


def test_autosave_for_other_organisation_not_found(client, draft):
    client.force_login(proponent())
    assert client.post(autosave_url(draft, "area"), {"vision": "x"}).status_code == 404
    assert StepDraft.objects.count() == 0


def test_autosave_of_review_step_not_found(writer, draft):
    assert writer.post(autosave_url(draft, "review"), {}).status_code == 404


def test_stash_older_than_proposal_offered_not_restored(writer, draft, member):
    writer.post(autosave_url(draft, "area"), {"name_th": "", "vision": "ร่างเก่า"})
    StepDraft.objects.update(saved_at=timezone.now() - datetime.timedelta(hours=1))
    writer.post(autosave_url(draft, "platform"), {"data_platform": "ใหม่กว่า"})  # the proposal moves on
    html = writer.get(f"/proposals/{draft.pk}/edit/area/").content.decode()
    assert "that was not saved, and the proposal has changed since" in html
    assert "ร่างเก่า" not in html
    html = writer.get(f"/proposals/{draft.pk}/edit/area/?restore=1").content.decode()
    assert "ร่างเก่า" in html and "We restored what you typed" in html


def test_stash_is_per_person(writer, draft, member):
    writer.post(autosave_url(draft, "area"), {"name_th": "", "vision": "ร่างส่วนตัวของสมชาย"})
    colleague = proponent(organisation=draft.organisation)
    other = Client()
    other.force_login(colleague)
    assert "ร่างส่วนตัวของสมชาย" not in other.get(f"/proposals/{draft.pk}/edit/area/").content.decode()


def test_step_page_tells_script_when_server_last_saved(writer, draft):
    html = writer.get(f"/proposals/{draft.pk}/edit/area/").content.decode()
    proposal = Proposal.objects.get(pk=draft.pk)
    assert f'data-server-saved="{int(proposal.updated_at.timestamp() * 1000)}"' in html
    assert f'data-storage-key="smartcity:draft:{proposal.created_by_id}:{proposal.pk}:area"' in html
    assert f'hx-post="/proposals/{proposal.pk}/edit/area/autosave/" hx-trigger="input delay:1s"' in html
