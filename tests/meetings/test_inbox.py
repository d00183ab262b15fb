"""The inbox's meetings, filled in by reviews (reviews/meetings/inbox.py): the outbox names a
meeting by a plain id (issue 13), and what its foreign key gave is kept."""

import pytest
from django.urls import reverse

from notifications.models import Notification
from reviews.models import Meeting
from tests.meetings.helpers import body, in_days, schedule, seat

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("meetings", [1, 3])
def test_the_inbox_gets_its_meetings_in_one_query_for_1_or_3(client, django_assert_num_queries, meetings):
    member = seat(body())
    scheduled = [schedule(when=in_days(10 + n)) for n in range(meetings)]
    client.force_login(member)
    client.get(reverse("notification-list"))  # warm the session
    # session, user, count (paginator), page of rows, the rows' meetings, unread count in the header
    with django_assert_num_queries(6):
        page = client.get(reverse("notification-list")).content.decode()
    for meeting in scheduled:
        assert f'href="{reverse("meeting-detail", args=[meeting.pk])}"' in page


def test_deleting_a_meeting_unlinks_its_notices_and_the_inbox_no_longer_links_it(client):
    member = seat(body())
    meeting = schedule()
    assert list(Notification.objects.filter(recipient=member).values_list("meeting_id", flat=True)) == [meeting.pk]
    link = f'href="{reverse("meeting-detail", args=[meeting.pk])}"'
    Meeting.objects.filter(pk=meeting.pk).delete()
    assert list(Notification.objects.filter(recipient=member).values_list("meeting_id", flat=True)) == [None]
    client.force_login(member)
    page = client.get(reverse("notification-list"))
    assert page.status_code == 200 and link not in page.content.decode()
