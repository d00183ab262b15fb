"""Issue 15: a meeting's running is append-only in the database too (reviews 0004's triggers) —
its opening, arrivals and departures, secret participations and ballots, and certifications.
PostgreSQL only (CI); the models refuse the same on SQLite (tests/sitting/test_rules.py)."""

import datetime

import pytest
from django.db import DatabaseError
from django.utils import timezone

from reviews.sitting import certify
from reviews.voting.services import item_close, vote_cast
from tests import paths
from tests.sitting.scenario import Sitting

from .conftest import raw

pytestmark = [pytest.mark.postgres, pytest.mark.usefixtures("on_postgres"), pytest.mark.django_db]


def refused(sql, params=()):
    with pytest.raises(DatabaseError, match="not allowed"):
        raw(sql, params)


@pytest.fixture
def sat():
    s = Sitting(items=1)
    s.join(s.chair, s.secretary, *s.members[1:3])
    s.open_vote(ballot="secret")
    s.item.refresh_from_db()
    for member in (s.chair, *s.members[1:3]):
        vote_cast(item=s.item, member=member, choice="approve")
    item_close(item=s.item, by=s.chair, text="เห็นชอบ")
    later = paths.meeting("subcommittee", timezone.now() - datetime.timedelta(minutes=1))
    certify.minutes_certify(meeting=s.meeting, at_meeting=later, by=s.secretary)
    return s


@pytest.mark.parametrize("table", ["reviews_meetingopening", "reviews_attendanceevent", "reviews_secretparticipation",
                                   "reviews_secretballot", "reviews_minutescertification"])
def test_the_running_of_a_meeting_is_never_updated_nor_deleted(sat, table):
    column = {"reviews_meetingopening": "opened_at = now()", "reviews_attendanceevent": "kind = 'left'",
              "reviews_secretparticipation": "member_id = member_id", "reviews_secretballot": "choice = 'not_approve'",
              "reviews_minutescertification": "amended = true"}[table]
    refused(f"UPDATE {table} SET {column}")
    refused(f"DELETE FROM {table}")
