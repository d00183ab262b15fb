"""The pages and the API of a meeting being run: refusals shown as messages, nothing written;
a secret vote never answered with its choice."""

import pytest
from django.urls import reverse

from reviews.models import AgendaItem, AttendanceEvent, SecretBallot, Vote

from .scenario import PASSWORD, Sitting

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_join_page_refuses_a_wrong_password_on_the_form(client):
    s = Sitting()
    client.force_login(s.members[1])
    url = reverse("meeting-join", args=[s.meeting.pk])
    response = client.post(url, {"channel": "online", "password": "nope"})
    assert response.status_code == 200
    assert "password is not right" in response.content.decode() or "รหัสผ่านไม่ถูกต้อง" in response.content.decode()
    assert AttendanceEvent.objects.count() == 0
    response = client.post(url, {"channel": "online", "password": PASSWORD})
    assert response.status_code == 302 and AttendanceEvent.objects.get().member == s.members[1]


def test_a_vote_page_post_from_a_member_not_joined_is_refused_with_a_message(client):
    s = Sitting()
    s.join(s.chair)
    s.open_vote()
    client.force_login(s.members[1])
    response = client.post(reverse("vote-cast", args=[s.item.pk]), {"choice": "approve"}, follow=True)
    assert any("joined the meeting" in m or "เข้าร่วมประชุมและยืนยันตัวตน" in m for m in messages_of(response))
    assert Vote.objects.count() == 0


def test_the_chair_is_refused_making_a_secret_ballot_open_after_votes(client):
    s = Sitting()
    s.join(s.chair, s.members[1])
    s.open_vote(ballot="secret")
    client.force_login(s.members[1])
    client.post(reverse("vote-cast", args=[s.item.pk]), {"choice": "approve"})
    client.force_login(s.chair)
    response = client.post(reverse("item-ballot", args=[s.item.pk]), {"ballot": "open"}, follow=True)
    assert any("cannot be made open" in m or "เปลี่ยนเป็นการลงคะแนนโดยเปิดเผยไม่ได้" in m
               for m in messages_of(response))
    assert AgendaItem.objects.get(pk=s.item.pk).ballot == "secret"


def test_the_api_answers_a_secret_vote_without_its_choice(client):
    s = Sitting()
    s.join(s.chair, s.members[1])
    s.open_vote(ballot="secret")
    client.force_login(s.members[1])
    response = client.post(f"/api/v1/items/{s.item.pk}/vote/", {"choice": "not_approve"},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json() == {"agenda_item": s.item.pk, "ballot": "secret", "voted": True}
    assert SecretBallot.objects.get().choice == "not_approve"


def test_the_secret_item_page_never_shows_the_member_s_choice(client):
    s = Sitting()
    s.join(s.chair, s.members[1])
    s.open_vote(ballot="secret")
    client.force_login(s.members[1])
    client.post(reverse("vote-cast", args=[s.item.pk]), {"choice": "in_principle"})
    page = client.get(reverse("agenda-item", args=[s.item.pk])).content.decode()
    assert "voted-secret" in page
    assert 'class="voted"' not in page
