"""Members hear of the notice, the agenda, the vote opening and the minutes, each in their language."""

import datetime

import pytest
from django.core import mail

from applications.enums import State
from notifications.kinds import Kind
from notifications.models import Notification
from reviews.meetings.services import agenda_add, agenda_publish, minutes_publish, voting_open
from tests import paths
from tests.meetings.helpers import body, in_days, schedule, seat


@pytest.mark.django_db
def test_members_hear_of_agenda_voting_and_minutes_in_their_language(django_capture_on_commit_callbacks,
                                                                    tasks_in_process):
    sub = body()
    chair = seat(sub, role="chair", email="chair@example.go.th")
    english = seat(sub, email="en@example.go.th", preferred_language="en")
    meeting = schedule(sub, when=in_days(10))
    proposal = paths.bring_to(State.ON_AGENDA)
    agenda_add(meeting=meeting, proposal=proposal)
    mail.outbox.clear()
    after = meeting.held_at + datetime.timedelta(hours=3)  # the minutes come after the meeting
    with django_capture_on_commit_callbacks(execute=True):
        agenda_publish(meeting=meeting)
        voting_open(meeting=meeting)
        minutes_publish(meeting=meeting, now=after)
    assert len(mail.outbox) == 6  # three each, once
    with django_capture_on_commit_callbacks(execute=True):  # published again: nobody told twice
        assert agenda_publish(meeting=meeting) == voting_open(meeting=meeting) == []
        assert minutes_publish(meeting=meeting, now=after) == []
    assert len(mail.outbox) == 6
    en = sorted(m.subject for m in mail.outbox if m.to == [english.email])
    assert en == [
        f"[Smart City Thailand] Agenda of meeting no. {meeting.label}, {sub.name_en}",
        f"[Smart City Thailand] Minutes of meeting no. {meeting.label}, {sub.name_en}",
        f"[Smart City Thailand] Voting open, meeting no. {meeting.label}",
    ]
    agenda_mail = next(m for m in mail.outbox if m.to == [english.email] and "Agenda" in m.subject)
    assert f"1. {proposal.reference}" in agenda_mail.body
    th = [m for m in mail.outbox if m.to == [chair.email]]
    assert {m.subject.split(" ")[1] for m in th} == {"รายงานการประชุมครั้งที่", "ระเบียบวาระการประชุมครั้งที่",
                                                     "เปิดลงมติ"}
    kinds = set(Notification.objects.filter(recipient=chair).values_list("kind", flat=True))
    assert kinds >= {Kind.MEETING_NOTICE, Kind.AGENDA_PUBLISHED, Kind.VOTING_OPEN, Kind.MINUTES}
