"""Every change staff make keeps its before and after, the person, the time and the request id."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from applications.enums import State
from applications.models import ProgrammeSettings, Proposal, StatusChange
from core.audit import HIDDEN, parent_key
from tests import paths
from tests.admin.conftest import url
from tests.admin.test_proposal_form import change_form_data
from tests.factories import UserFactory

from .conftest import entries_of

pytestmark = pytest.mark.django_db


def test_an_admin_change_keeps_old_and_new_values_the_officer_and_the_request_id(officer_client, officer):
    proposal = paths.bring_to(State.SCREENING)
    old = proposal.name_en
    data = change_form_data(officer_client.get(url(Proposal, "change", proposal.pk)))
    data["name_en"] = "Corrected by the Office"
    response = officer_client.post(url(Proposal, "change", proposal.pk), data, HTTP_X_REQUEST_ID="req-admin-14")
    assert response.status_code == 302

    entry = entries_of(proposal)[-1]
    assert entry.action == LogEntry.Action.UPDATE
    assert entry.changes == {"name_en": [old, "Corrected by the Office"]}
    assert entry.actor == officer
    assert entry.cid == "req-admin-14"
    assert entry.remote_addr == "127.0.0.1"
    assert response["X-Request-ID"] == "req-admin-14"


def test_a_staff_page_change_keeps_the_move_and_its_history_row(officer_client, officer):
    proposal = paths.bring_to(State.SUBMITTED)
    response = officer_client.post(
        reverse("screening-detail", args=[proposal.pk]), {"action": "screen"}, HTTP_X_REQUEST_ID="req-page-14",
    )
    assert response.status_code == 302

    moved = entries_of(proposal)[-1]
    assert moved.changes["status"] == [State.SUBMITTED, State.SCREENING]
    assert (moved.actor, moved.cid) == (officer, "req-page-14")
    # The history row the move wrote is in the trail too, named after its proposal.
    row = StatusChange.objects.filter(proposal=proposal).latest("at")
    created = entries_of(row)[-1]
    assert created.action == LogEntry.Action.CREATE
    assert created.changes["to_state"] == ["None", State.SCREENING]
    assert (created.actor, created.cid) == (officer, "req-page-14")
    assert created.additional_data == {"parent": parent_key(proposal)}


def test_a_write_outside_a_request_is_the_system_s(db):
    settings_row = ProgrammeSettings.load()
    settings_row.pass_mark_percent = 75
    settings_row.save()
    entry = entries_of(settings_row)[-1]
    assert entry.changes == {"pass_mark_percent": ["70", "75"]}
    assert (entry.actor, entry.cid) == (None, None)


def test_a_deleted_part_stays_in_its_proposal_s_trail(officer_client):
    proposal = paths.bring_to(State.DRAFT)
    plan = proposal.plans.first()
    initiative = plan.initiatives.get()
    title = initiative.title
    initiative.delete()
    gone = LogEntry.objects.filter(additional_data__parent=parent_key(proposal), action=LogEntry.Action.DELETE)
    assert [(e.object_repr, e.changes["title"]) for e in gone] == [(title, [title, "None"])]


def test_a_password_change_is_kept_as_changed_never_as_its_hash(officer_client):
    user = UserFactory()
    old_hash = user.password
    user.set_password("a-new-password-2569")
    user.save()
    entry = entries_of(user)[-1]
    assert entry.changes == {"password": [HIDDEN, HIDDEN]}
    assert old_hash not in str(entry.changes) and user.password not in str(entry.changes)


def test_a_role_given_in_the_admin_is_kept(client, db):
    from django.contrib.auth.models import Permission

    boss = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(boss)
    user = UserFactory()
    data = change_form_data(client.get(url(type(user), "change", user.pk)))
    joined = data.pop("date_joined")
    data.update(date_joined_0=f"{joined:%Y-%m-%d}", date_joined_1=f"{joined:%H:%M:%S}")
    data.update(is_office_staff="on", is_staff="on")
    data["user_permissions"] = [Permission.objects.get(codename="view_proposal").pk]
    assert client.post(url(type(user), "change", user.pk), data).status_code == 302
    changes = {}
    for entry in entries_of(user):
        if entry.action == LogEntry.Action.UPDATE:
            changes.update(entry.changes)
    assert changes["is_office_staff"] == ["False", "True"]
    assert changes["is_staff"] == ["False", "True"]
    assert changes["user_permissions"]["operation"] == "add"
    assert "password" not in changes and "last_login" not in changes


def test_a_new_row_keeps_its_own_fields_not_its_relations(db):
    user = UserFactory()
    created = entries_of(user)[0]
    assert created.action == LogEntry.Action.CREATE
    assert created.changes["username"] == ["None", user.username]
    assert "notifications" not in created.changes and "memberships" not in created.changes
