"""Every object URL, tried as each kind of visitor: the answer the rules give.

The URLs come from the resolver (tests/security/urlmap.py), the expected
answers from one table (tests/security/matrix.py); a URL the table does not
classify fails here by name.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from accounts.models import ApiToken, Invitation
from applications.models import Attachment, Proposal, StatusChange
from monitoring.models import AnnualReport
from notifications.models import Notification
from reviews.models import Attendance, ConflictDeclaration, Correction, EvaluatorAssignment, Vote

from . import world as world_module
from .matrix import ACTORS, EXPECT, EXPECT_POST, KWARGS
from .urlmap import named_routes


def test_every_object_url_is_classified():
    routes = named_routes()
    missing = sorted(set(routes) - set(KWARGS))
    assert not missing, (
        "URLs with an object in their path that tests/security/matrix.py does not classify "
        f"(add them to KWARGS and EXPECT): {[f'{n} ({routes[n]})' for n in missing]}"
    )
    assert sorted(KWARGS) == sorted(EXPECT)
    assert set(EXPECT_POST) <= set(KWARGS)


@pytest.fixture(scope="module")
def one_world(built_once):
    with built_once():
        return world_module.build()


@pytest.fixture
def world(db, one_world):
    """One world for the module's tests (each rolls back to it)."""
    return one_world


def client_for(world, actor, owner_key):
    client = Client()
    if actor == "owner":
        client.force_login(world.owner_of(world.objects[owner_key]))
    elif actor != "anonymous":
        client.force_login(world.users[actor])
    return client


def url_of(world, name):
    kwargs_fn, _owner = KWARGS[name]
    return reverse(name, kwargs=kwargs_fn(world))


def snapshot():
    """Everything a refused request must leave as it was."""
    return (
        list(Proposal.objects.order_by("pk").values_list("pk", "status", "name_th", "vision")),
        StatusChange.objects.count(), Vote.objects.count(), Attachment.objects.count(),
        ConflictDeclaration.objects.count(), Attendance.objects.count(),
        list(EvaluatorAssignment.objects.order_by("pk").values_list("pk", "submitted_at")),
        list(Invitation.objects.order_by("pk").values()),
        list(AnnualReport.objects.order_by("pk").values_list("pk", "state", "summary")),
        list(Notification.objects.order_by("pk").values_list("pk", "read_at")),
        list(ApiToken.objects.order_by("pk").values_list("pk", flat=True)),
        Correction.objects.count(),
    )


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_get_answers_as_the_rules_say(world, name):
    url = url_of(world, name)
    got = {actor: client_for(world, actor, KWARGS[name][1]).get(url).status_code for actor in ACTORS}
    assert got == dict(zip(ACTORS, EXPECT[name], strict=True)), url


@pytest.mark.parametrize("name", sorted(EXPECT_POST))
def test_post_refused_changes_nothing(world, name):
    url = url_of(world, name)
    got = {}
    for actor, expected in zip(ACTORS, EXPECT_POST[name], strict=True):
        before = snapshot()
        response = client_for(world, actor, KWARGS[name][1]).post(url, {})
        got[actor] = response.status_code
        refused = expected in (403, 404, 401) or (actor == "anonymous" and expected == 302)
        if refused:
            assert snapshot() == before, f"{actor} was refused {url} but something changed"
    assert got == dict(zip(ACTORS, EXPECT_POST[name], strict=True)), url


def test_conflicted_member_sees_no_dossier_and_cannot_vote(world):
    item = world.objects["item"]
    member = world.users["conflicted"]
    client = Client()
    client.force_login(member)
    page = client.get(reverse("agenda-item", args=[item.pk]))
    assert (page.status_code, page.context["conflicted"], page.context["dossier"]) == (200, True, False)
    client.post(reverse("vote-cast", args=[item.pk]), {"choice": "approve"})
    api = client.post(reverse("v1-item-vote", args=[item.pk]), {"choice": "approve"})
    assert api.status_code in (403, 409), api.content
    assert not Vote.objects.filter(agenda_item=item, member=member).exists()
    staff = Client()
    staff.force_login(world.users["staff"])
    assert staff.get(reverse("agenda-item", args=[item.pk])).context["dossier"] is True


@pytest.mark.parametrize("actor", ["owner", "other_org", "evaluator", "anonymous"])
def test_admin_is_for_staff_only(world, actor):
    proposal = world.objects["confidential"]
    url = reverse("admin:applications_proposal_change", args=[proposal.pk])
    response = client_for(world, actor, "confidential").get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_admin_opens_for_staff(world):
    proposal = world.objects["confidential"]
    client = client_for(world, "staff", "confidential")
    assert client.get(reverse("admin:applications_proposal_change", args=[proposal.pk])).status_code == 200


def test_anonymous_user_is_not_a_member():
    # Guards the table's meaning: "anonymous" is a real anonymous visitor.
    assert AnonymousUser().is_authenticated is False
