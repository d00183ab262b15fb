"""A refusal is an alert that links to the field at fault; other messages stay a polite status."""

import pytest
from django.urls import reverse

from tests.voting.scenario import Item

pytestmark = pytest.mark.django_db


def page_after(client, user, name, item, data):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    response = client.post(reverse(name, args=[item.pk]), data)
    assert response.status_code == 302
    return client.get(response.url).content.decode()


def test_a_vote_without_its_reasons_is_an_alert_linking_to_the_reasons_box(client):
    s = Item(members=3)
    html = page_after(client, s.others[0], "vote-cast", s.item, {"choice": "not_approve", "reason": ""})
    assert '<div class="messages messages-refused" role="alert" tabindex="-1">' in html
    assert f'<a href="#reason-{s.item.pk}">Give the reasons for a vote of “Not approve”' in html
    assert f'id="reason-{s.item.pk}"' in html  # the link leads somewhere
    assert "js/refusal.js" in html


def test_closing_without_the_confirmation_links_to_the_box(client):
    s = Item(members=3)
    html = page_after(client, s.chair, "item-close", s.item, {"text": "มติ"})
    assert f'<a href="#confirm-close-{s.item.pk}">Tick the box to confirm' in html


def test_a_recorded_vote_is_a_status_not_an_alert(client):
    s = Item(members=3)
    html = page_after(client, s.others[0], "vote-cast", s.item, {"choice": "approve", "reason": ""})
    assert '<div class="messages" role="status"><p class="alert alert-success">Your vote is recorded: Approve.' in html
    assert "messages-refused" not in html and "js/refusal.js" not in html
