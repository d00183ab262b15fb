"""The running count is the chair's, the secretary's and the Office's until the chair closes the
item (issue 14, item 3): an ordinary member who voted reads it on no channel — the item page, the
meeting page, the API, a notification or e-mail (the minutes PDF: tests/documents/
test_minutes_draft.py). Once the item is closed the count is everyone's, and goes out with the
resolution's notice."""

import json

import pytest
from django.core import mail
from django.urls import reverse
from rest_framework.test import APIClient

from notifications.models import Notification
from reviews.voting.services import item_close, vote_cast

from .scenario import Item

pytestmark = pytest.mark.django_db

DISSENT = "งบประมาณยังไม่สอดคล้องกับแผน"
# What the tally shows where it is shown (the item panel's table, its outcome so far, a dissent's reasons).
TALLY_MARKS = ('class="table tally"', 'class="tally-approve"', "Outcome of the vote so far", DISSENT)


def page(client, user, name, pk):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    response = client.get(reverse(name, args=[pk]))
    assert response.status_code == 200
    return response.content.decode()


def api_text(user, path):
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_authenticate(user)
    response = api.get(path)
    assert response.status_code == 200
    return json.dumps(response.json(), ensure_ascii=False)


def test_an_ordinary_member_reads_no_running_count_on_any_channel(client):
    s = Item(members=4)
    reader, other = s.others[0], s.others[1]
    told = (Notification.objects.count(), len(mail.outbox))
    vote_cast(item=s.item, member=reader, choice="approve")
    vote_cast(item=s.item, member=other, choice="not_approve", reason=DISSENT)
    vote_cast(item=s.item, member=s.others[2], choice="approve")

    # The chair reads the count on the item page: the marks are what a count looks like there.
    chair_sees = page(client, s.chair, "agenda-item", s.item.pk)
    assert all(mark in chair_sees for mark in TALLY_MARKS)

    for name, pk in (("agenda-item", s.item.pk), ("meeting-detail", s.meeting.pk)):
        html = page(client, reader, name, pk)
        assert [mark for mark in TALLY_MARKS if mark in html] == [], name
    assert "You voted <strong>Approve</strong>" in page(client, reader, "agenda-item", s.item.pk)

    for path in ("/api/v1/meetings/", f"/api/v1/meetings/{s.meeting.pk}/"):
        body = api_text(reader, path)
        assert "not_approve" not in body and DISSENT not in body and "tally" not in body, path

    # A vote tells nobody anything: no notification, no e-mail.
    assert (Notification.objects.count(), len(mail.outbox)) == told

    # Closed: the count is the record, the member reads it and hears it with the resolution.
    resolution = item_close(item=s.item, by=s.chair)
    html = page(client, reader, "agenda-item", s.item.pk)
    assert 'class="table tally"' in html and 'class="tally-approve"' in html
    notice = Notification.objects.filter(recipient=reader, event="meeting.resolution").get()
    assert "เห็นชอบ 2" in resolution.text and resolution.text.splitlines()[0] in notice.body
