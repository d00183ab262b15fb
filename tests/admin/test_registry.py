"""Every model has a working admin page."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory

from .conftest import url

PORTAL_APPS = ("accounts", "provinces", "dimensions", "applications", "reviews", "notifications")
PORTAL_MODELS = [m for label in PORTAL_APPS for m in apps.get_app_config(label).get_models()]
REGISTERED = list(admin.site._registry)


def test_every_portal_model_is_registered():
    missing = [m._meta.label for m in PORTAL_MODELS if m not in admin.site._registry]
    assert missing == []


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
