"""Every model has a working admin page."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory

from tests.factories import UserFactory
from tests.project import project_app_labels

from .conftest import certified_with_everything, url

# Every app of the project (its code under BASE_DIR), so a new app cannot slip past these tests.
PORTAL_APPS = project_app_labels()
PORTAL_MODELS = [m for label in PORTAL_APPS for m in apps.get_app_config(label).get_models()]
REGISTERED = list(admin.site._registry)
# The record is append-only: its rows are shown in the admin, never added, changed or deleted there.
APPEND_ONLY = ("applications.StatusChange", "applications.ProposalVersion", "applications.ProposalAmendment",
               "reviews.Vote", "monitoring.AnnualReport",
               "monitoring.IndicatorResult", "monitoring.InitiativeResult", "monitoring.ReportEvent",
               "reviews.Resolution", "reviews.ConflictDeclaration", "reviews.ScoreSubmission", "reviews.ScoreReopening",
               "reviews.Correction", "accounts.SecondFactorReset", "privacy.PrivacyNotice",
               "privacy.Acknowledgement",
               "reviews.MeetingOpening", "reviews.AttendanceEvent", "reviews.SecretParticipation",
               "reviews.SecretBallot", "reviews.MinutesCertification", "reviews.IssuedDocument")


@pytest.fixture(scope="module")
def everything_once(built_once):
    with built_once():
        return certified_with_everything()


@pytest.fixture
def everything(db, everything_once):
    """A row of every model, built once for the module's tests (each rolls back to them)."""
    return everything_once


def test_every_portal_model_is_registered():
    missing = [m._meta.label for m in PORTAL_MODELS if m not in admin.site._registry]
    assert missing == []


def test_the_apps_of_the_project_are_all_checked():
    assert {"accounts", "applications", "reviews", "notifications", "monitoring", "register"} <= set(PORTAL_APPS)


@pytest.mark.django_db
def test_every_portal_admin_is_the_office_s_alone(everything):
    """is_staff and every Django permission, without the office flag: nothing shown, nothing allowed."""
    from django.contrib.auth.models import Permission

    from accounts.models import User

    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.all())
    request = RequestFactory().get("/admin/")
    request.user = User.objects.get(pk=user.pk)  # fresh, so the permission cache is not stale
    opened = []
    for model in PORTAL_MODELS:
        assert model._default_manager.exists(), f"no {model._meta.label} row: add one to certified_with_everything()"
        model_admin = admin.site._registry[model]
        answers = (model_admin.has_module_permission(request), model_admin.has_view_permission(request),
                   model_admin.has_add_permission(request), model_admin.has_change_permission(request),
                   model_admin.has_delete_permission(request), model_admin.get_queryset(request).exists())
        if any(answers):
            opened.append((model._meta.label, answers))
    assert opened == []


@pytest.mark.django_db
def test_append_only_rows_are_read_only_even_for_a_superuser(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    writable = []
    for label in APPEND_ONLY:
        model_admin = admin.site._registry[apps.get_model(label)]
        if (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)
                or model_admin.has_delete_permission(request)):
            writable.append(label)
    assert writable == []


def test_every_list_showing_a_relation_selects_it():
    """A foreign key in list_display without list_select_related costs a query per row."""
    lacking = []
    for model in PORTAL_MODELS:
        model_admin = admin.site._registry[model]
        shows_fk = any(
            getattr(model._meta.get_field(name), "many_to_one", False)
            for name in model_admin.list_display
            if name in {f.name for f in model._meta.get_fields()}
        )
        if shows_fk and not model_admin.list_select_related:
            lacking.append(model._meta.label)
    assert lacking == []


@pytest.mark.django_db
@pytest.mark.parametrize("model", REGISTERED, ids=[m._meta.label for m in REGISTERED])
def test_changelist_loads_for_superuser(client, superuser, everything, model):
    client.force_login(superuser)
    response = client.get(url(model))
    assert response.status_code == 200
    if model in PORTAL_MODELS:
        # The page lists rows, so every column was really rendered.
        assert response.context["cl"].result_count >= 1


@pytest.mark.django_db
@pytest.mark.parametrize("model", PORTAL_MODELS, ids=[m._meta.label for m in PORTAL_MODELS])
def test_change_page_loads_for_superuser(client, superuser, everything, model):
    client.force_login(superuser)
    obj = model._default_manager.order_by("pk").first()
    response = client.get(url(model, "change", obj.pk))
    assert response.status_code == 200
    assert response.context["original"] == obj


@pytest.mark.django_db
@pytest.mark.parametrize("model", PORTAL_MODELS, ids=[m._meta.label for m in PORTAL_MODELS])
def test_add_page_loads_where_adding_is_allowed(client, superuser, everything, model):
    client.force_login(superuser)
    request = RequestFactory().get("/")
    request.user = superuser
    may_add = admin.site._registry[model].has_add_permission(request)
    response = client.get(url(model, "add"))
    assert response.status_code == (200 if may_add else 403)
