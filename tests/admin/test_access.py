"""Who gets into the admin, and the history that nobody can edit there."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import RequestFactory

from accounts.models import User
from applications.enums import State
from applications.models import ProgrammeSettings, Proposal, StatusChange
from tests import paths
from tests.factories import ProposalFactory, UserFactory

from .conftest import url


def _request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


@pytest.fixture
def staff_without_flag():
    """is_staff and every Django permission, but not the Office: the admin must show it nothing."""
    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.all())
    return User.objects.get(pk=user.pk)  # fresh, so the permission cache is not stale


@pytest.mark.django_db
def test_admin_queryset_empty_for_staff_not_in_office(staff_without_flag):
    ProposalFactory()
    model_admin = admin.site._registry[Proposal]
    assert list(model_admin.get_queryset(_request(staff_without_flag))) == []


@pytest.mark.django_db
def test_admin_pages_refused_for_staff_not_in_office(client, staff_without_flag):
    proposal = ProposalFactory()
    client.force_login(staff_without_flag)
    assert client.get(url(Proposal)).status_code == 403
    assert client.get(url(Proposal, "change", proposal.pk)).status_code == 403
    index = client.get("/admin/")
    assert index.status_code == 200
    shown = {app["app_label"] for app in index.context["app_list"]}
    assert shown.isdisjoint({"accounts", "provinces", "dimensions", "applications", "reviews", "notifications",
                             "monitoring", "register"})


@pytest.mark.django_db
def test_office_staff_work_on_proposals_without_django_permissions(client, officer):
    proposal = ProposalFactory()
    client.force_login(officer)
    response = client.get(url(Proposal))
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [proposal]
    assert client.get(url(Proposal, "change", proposal.pk)).status_code == 200


@pytest.mark.django_db
def test_office_staff_may_look_users_up_but_not_edit_them(client, officer):
    client.force_login(officer)
    assert client.get(url(User)).status_code == 200
    assert client.get(url(User, "add")).status_code == 403
    response = client.post(url(User, "change", officer.pk), {"username": officer.username, "is_superuser": "on"})
    assert response.status_code == 403
    officer.refresh_from_db()
    assert officer.is_superuser is False


@pytest.fixture
def history_row(db):
    proposal = paths.bring_to(State.SUBMITTED)
    return proposal.history.get(action="submit")


@pytest.mark.django_db
def test_status_change_edit_refused_for_superuser(client, superuser, history_row):
    client.force_login(superuser)
    response = client.post(url(StatusChange, "change", history_row.pk), {"note": "แก้ประวัติ", "to_state": "certified"})
    assert response.status_code == 403
    fresh = StatusChange.objects.get(pk=history_row.pk)
    assert (fresh.note, fresh.to_state) == (history_row.note, State.SUBMITTED)


@pytest.mark.django_db
def test_status_change_page_is_view_only_for_superuser(client, superuser, history_row):
    client.force_login(superuser)
    response = client.get(url(StatusChange, "change", history_row.pk))
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert response.context["has_delete_permission"] is False


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_status_change_delete_refused_for_superuser(client, superuser, history_row, method):
    client.force_login(superuser)
    response = getattr(client, method)(url(StatusChange, "delete", history_row.pk), {"post": "yes"})
    assert response.status_code == 403
    assert StatusChange.objects.filter(pk=history_row.pk).exists()


@pytest.mark.django_db
def test_status_change_bulk_delete_not_offered(client, superuser, history_row):
    model_admin = admin.site._registry[StatusChange]
    assert "delete_selected" not in model_admin.get_actions(_request(superuser))
    client.force_login(superuser)
    before = StatusChange.objects.count()
    response = client.post(
        url(StatusChange), {"action": "delete_selected", "_selected_action": [history_row.pk], "post": "yes"}
    )
    # No action is offered at all, so the post is just the list again.
    assert response.status_code == 200
    assert response.context["action_form"] is None
    assert StatusChange.objects.count() == before


@pytest.mark.django_db
def test_status_change_add_refused_for_superuser(client, superuser):
    client.force_login(superuser)
    assert client.get(url(StatusChange, "add")).status_code == 403


@pytest.mark.django_db
def test_programme_settings_single_row_not_added_nor_deleted(client, superuser):
    ProgrammeSettings.load()
    client.force_login(superuser)
    assert client.get(url(ProgrammeSettings, "add")).status_code == 403
    assert client.post(url(ProgrammeSettings, "delete", 1), {"post": "yes"}).status_code == 403
    assert ProgrammeSettings.objects.count() == 1


@pytest.mark.django_db
def test_programme_settings_changed_in_admin(client, superuser):
    ProgrammeSettings.load()
    client.force_login(superuser)
    response = client.post(url(ProgrammeSettings, "change", 1), {
        "min_dimensions": 3, "pass_mark_percent": 75, "validity_years": 3, "renewal_min_progress_percent": 50,
        "revision_days": 45,
    })
    assert response.status_code == 302
    rules = ProgrammeSettings.load()
    assert (rules.min_dimensions, rules.pass_mark_percent, rules.revision_days) == (3, 75, 45)
