"""CSRF is enforced on every URL that accepts a POST.

Every pattern of the resolver (the admin included) is posted to without a
token, by a signed-in visitor; each must refuse (403, the portal's own page in
Thai, or the API's JSON) or not take POST at all (405). A URL that takes a
token-less POST must be listed in EXEMPT with the reason.
"""

import pytest
from django.test import Client
from django.urls import reverse

from . import world as world_module
from .matrix import KWARGS
from .urlmap import patterns

# name: why a POST without a CSRF token is allowed there.
EXEMPT = {
    "v1-token": "exchanges a username and password for an API token; no cookie is involved (DRF ObtainAuthToken)",
}
# Routes whose path needs values the access table does not give (the admin's
# generic object pages): posted to through one real object of each kind below.
ADMIN_OBJECT = "admin:applications_proposal_change"


def targets(world):
    seen = set()
    for route, name in patterns():
        if not name or name in seen or ".(?P<format>" in route or "<drf_format_suffix" in route:
            continue
        seen.add(name)
        if name in KWARGS:
            yield name, reverse(name, kwargs=KWARGS[name][0](world))
        elif "<" not in route and "(?P<" not in route:
            yield name, reverse(name)
    yield ADMIN_OBJECT, reverse(ADMIN_OBJECT, args=[world.objects["confidential"].pk])
    yield "admin:applications_proposal_delete", reverse(
        "admin:applications_proposal_delete", args=[world.objects["confidential"].pk]
    )


# The schema and Swagger UI pages take no POST, but DRF's session check refuses the missing
# token first, with a bare 403 (its HTML renderer cannot draw an error).
BARE_403 = {"api-docs", "v1-docs", "api-schema"}


def refused_for_csrf(name, response):
    if response.status_code == 405:
        return True
    if response.status_code != 403:
        return False
    if response.get("Content-Type", "").startswith("application/json"):
        body = response.json()
        return "CSRF" in body.get("detail", "") or body.get("error") == "csrf"  # the API; the autosave
    return 'id="csrf-failure"' in response.content.decode() or name in BARE_403


@pytest.mark.slow  # every URL that takes a POST, posted to
@pytest.mark.django_db
@pytest.mark.parametrize("who", ["owner", "staff"])
def test_every_post_without_token_is_refused(settings, tmp_path, who):
    settings.MEDIA_ROOT = tmp_path
    world = world_module.build()
    client = Client(enforce_csrf_checks=True)
    user = world.owner_of(world.objects["confidential"]) if who == "owner" else world.users["staff"]
    client.force_login(user)
    accepted = []
    tried = 0
    for name, url in targets(world):
        if name in EXEMPT:
            continue
        response = client.post(url, {"action": "withdraw", "confirm": "yes"})
        tried += 1
        if not refused_for_csrf(name, response):
            accepted.append(f"{name} {url} -> {response.status_code}")
    assert tried > 80
    assert accepted == [], "POST without a CSRF token was not refused:\n" + "\n".join(accepted)


@pytest.mark.django_db
def test_csrf_refusal_is_a_thai_page(client):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    text = response.content.decode()
    assert 'id="csrf-failure"' in text and "แบบฟอร์มหมดอายุ" in text
