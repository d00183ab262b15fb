"""A closed agenda item, submitted scores and a certificate, each made the real way (the services)."""

import pytest
from django.db import connection, transaction

from reviews.models import Attendance
from reviews.voting.services import conflict_declare, item_close, vote_cast
from tests.evaluation.helpers import assign, in_evaluation, score
from tests.factories import EvaluatorFactory, StaffFactory
from tests.voting.scenario import Item

CONFLICT = "เป็นที่ปรึกษาของเทศบาลผู้เสนอ"
RESOLUTION_TEXT_MARK = "คะแนนเสียง"


def close_item(scenario, *, against=0):
    """Everyone present votes (``against`` of them "not approve"), the last member declared a conflict."""
    conflicted = scenario.members[-1]
    conflict_declare(item=scenario.item, member=conflicted, reason=CONFLICT)
    voters = [m for m in scenario.members if m != conflicted]
    for i, member in enumerate(voters):
        choice = "not_approve" if i >= len(voters) - against else "approve"
        reason = "" if choice == "approve" else "ไม่สอดคล้องกับแผน"
        vote_cast(item=scenario.item, member=member, choice=choice, reason=reason)
    return item_close(item=scenario.item, by=scenario.chair)


@pytest.fixture
def closed(db):
    """A subcommittee item closed as approved: four present, one with a declared conflict, one absent."""
    scenario = Item(members=5, present=4)
    absent = scenario.members[4]
    scenario.attend(absent, present=False)
    # The conflicted member is present; the absent one is not in the vote.
    scenario.members = scenario.members[:4]
    scenario.resolution = close_item(scenario)
    scenario.item.refresh_from_db()
    scenario.absent = Attendance.objects.get(meeting=scenario.meeting, member=absent)
    scenario.conflict = scenario.item.conflicts.get()
    return scenario


@pytest.fixture
def open_item(db):
    """An agenda item not closed yet, with attendance recorded."""
    return Item(members=3)


@pytest.fixture
def submitted(db):
    """An evaluator's scores, submitted (80 on every sub-criterion of ENV)."""
    assignment = assign(in_evaluation(), "ENV", EvaluatorFactory())
    return score(assignment, 80)


@pytest.fixture
def office(db):
    return StaffFactory()


def raw(sql, params=()):
    """Run ``sql`` as any client of the database would (no ORM), in a savepoint so a refusal
    leaves the test's transaction usable."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount
