"""A subcommittee meeting started an hour ago with two items, a chair, a secretary and five members,
none joined yet; built with the real models and services."""

import datetime

from django.utils import timezone

from applications.enums import State
from reviews.models import AgendaItem, Body
from reviews.sitting import services
from tests import paths
from tests.factories import BodyMembershipFactory, StaffFactory

PASSWORD = "pw-123456"  # tests.factories.UserFactory's


class Sitting:
    def __init__(self, *, members=5, opened=True, items=2):
        self.staff = StaffFactory()
        self.body = Body.objects.get(kind="subcommittee")
        self.meeting = paths.meeting("subcommittee", timezone.now() - datetime.timedelta(hours=1))
        self.items = [
            AgendaItem.objects.create(meeting=self.meeting, proposal=paths.bring_to(State.ON_AGENDA), order=n + 1)
            for n in range(items)
        ]
        self.item = self.items[0] if self.items else None
        self.chair = BodyMembershipFactory(body=self.body, role="chair").user
        self.secretary = BodyMembershipFactory(body=self.body, role="secretary").user
        self.members = [self.chair] + [
            BodyMembershipFactory(body=self.body, role="member").user for _ in range(members - 1)
        ]
        if opened:
            services.meeting_open(meeting=self.meeting, by=self.secretary)

    def join(self, *people, channel="online"):
        for person in people:
            services.member_join(meeting=self.meeting, member=person, channel=channel, password=PASSWORD)

    def open_vote(self, item=None, ballot="open"):
        return services.item_vote_open(item=item or self.item, by=self.chair, ballot=ballot)
