"""An agenda item of the subcommittee with a chair and members, built with the real models."""

import datetime

from django.utils import timezone

from applications.enums import State
from reviews.models import AgendaItem, Attendance, Body, BodyMembership
from tests import paths
from tests.factories import StaffFactory, UserFactory


class Item:
    def __init__(self, *, members=4, present=None, proposal=None):
        self.proposal = proposal or paths.bring_to(State.ON_AGENDA)
        self.staff = StaffFactory()
        self.body = Body.objects.get(kind="subcommittee")
        self.meeting = paths.meeting("subcommittee", timezone.now())
        self.item = AgendaItem.objects.create(meeting=self.meeting, proposal=self.proposal, order=1)
        start = timezone.localdate() - datetime.timedelta(days=400)
        self.chair = UserFactory()
        BodyMembership.objects.create(body=self.body, user=self.chair, role="chair", term_start=start)
        self.members = [self.chair]
        for _ in range(members - 1):
            user = UserFactory()
            BodyMembership.objects.create(body=self.body, user=user, role="member", term_start=start)
            self.members.append(user)
        for user in self.members[: len(self.members) if present is None else present]:
            self.attend(user)

    @property
    def others(self):
        return self.members[1:]

    def attend(self, user, present=True):
        Attendance.objects.update_or_create(
            meeting=self.meeting, member=user, defaults={"present": present, "recorded_by": self.staff}
        )
