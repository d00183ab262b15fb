"""What particular admin pages show and offer."""

import datetime

import pytest
from django.utils import timezone

from applications.enums import State
from applications.models import Proposal
from notifications.models import Notification
from provinces.models import Province
from reviews.models import Meeting
from tests import paths

from .conftest import url


@pytest.mark.django_db
def test_meeting_list_shows_official_number(client, superuser):
    held = timezone.make_aware(datetime.datetime(2022, 3, 8, 9, 30))
    meeting = paths.meeting("subcommittee", held)
    client.force_login(superuser)
    response = client.get(url(Meeting))
    assert (meeting.number, meeting.year_be) == (1, 2565)
    cell = f'<th class="field-label"><a href="{url(Meeting, "change", meeting.pk)}">1/2565</a></th>'
    assert cell in response.content.decode()


@pytest.mark.django_db
def test_province_list_filters_by_both_region_schemes(client, superuser):
    client.force_login(superuser)
    response = client.get(url(Province))
    assert [spec.field_path for spec in response.context["cl"].filter_specs] == ["region_six", "region_four"]


@pytest.mark.django_db
@pytest.mark.parametrize("term", ["50", "เชียงใหม่", "Chiang Mai"])
def test_province_search_by_code_and_names(client, superuser, term):
    client.force_login(superuser)
    response = client.get(url(Province), {"q": term})
    assert [p.code for p in response.context["cl"].result_list] == ["50"]


@pytest.mark.django_db
def test_notification_page_is_read_only(client, superuser):
    paths.bring_to(State.SUBMITTED, walk=True)  # the submit tells the proponents and the Office
    note = Notification.objects.order_by("pk").first()
    client.force_login(superuser)
    response = client.post(url(Notification, "change", note.pk), {"subject": "แก้ไข", "body": "แก้ไข"})
    assert response.status_code == 403
    assert Notification.objects.get(pk=note.pk).subject == note.subject


@pytest.mark.django_db
def test_proposal_cannot_be_deleted_in_admin(client, superuser):
    proposal = paths.bring_to(State.SUBMITTED)
    client.force_login(superuser)
    assert client.post(url(Proposal, "delete", proposal.pk), {"post": "yes"}).status_code == 403
    assert Proposal.objects.filter(pk=proposal.pk).exists()
