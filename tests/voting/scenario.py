"""An agenda item of the subcommittee with a chair and members, built with the real models."""

import datetime

from django.utils import timezone

from applications.enums import State
from reviews.models import AgendaItem, Attendance, Body
from tests import paths
from tests.factories import BodyMembershipFactory, StaffFactory


class Item:
    def __init__(self, *, members=4, present=None, proposal=None):
        self.proposal = proposal or paths.bring_to(State.ON_AGENDA)
        self.staff = StaffFactory()
        self.body = Body.objects.get(kind="subcommittee")
        # Held an hour ago: votes and the close come on or after the meeting's start.
        self.meeting = paths.meeting("subcommittee", timezone.now() - datetime.timedelta(hours=1))
        self.item = AgendaItem.objects.create(meeting=self.meeting, proposal=self.proposal, order=1)
        self.chair = BodyMembershipFactory(body=self.body, role="chair").user
        self.members = [self.chair]
        for _ in range(members - 1):
            self.members.append(BodyMembershipFactory(body=self.body, role="member").user)
        for user in self.members[: len(self.members) if present is None else present]:
            self.attend(user)

    @property
    def others(self):
        return self.members[1:]

    def attend(self, user, present=True):
        Attendance.objects.update_or_create(
            meeting=self.meeting, member=user, defaults={"present": present, "recorded_by": self.staff}
        )
