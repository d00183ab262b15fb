"""Meetings are numbered N/B.E.-year per body, by the service, never by hand."""

import threading

import pytest
from django.db import connection

from core.thai import be_year
from reviews.meetings.services import meeting_create
from reviews.models import Meeting
from tests.factories import StaffFactory

from .helpers import body, in_days, local, schedule


def next_year():
    from django.utils import timezone

    return timezone.localdate().year + 1


@pytest.mark.django_db
def test_numbers_count_up_within_a_year_and_restart_at_one_in_a_new_be_year():
    y = next_year()
    first = schedule(when=local(y, 12, 10))
    second = schedule(when=local(y, 12, 20))
    # New Year's night in Bangkok is still 31 December in UTC: the local date decides.
    new_year = schedule(when=local(y + 1, 1, 1, hour=0, minute=30))
    after = schedule(when=local(y + 1, 1, 20))

    assert [m.label for m in (first, second, new_year, after)] == [
        f"1/{y + 543}", f"2/{y + 543}", f"1/{y + 544}", f"2/{y + 544}",
    ]
    assert (new_year.number, new_year.year_be) == (1, be_year(y + 1))


@pytest.mark.django_db
def test_each_body_has_its_own_counter_and_a_gap_is_not_reused():
    y = next_year()
    sub = [schedule(body("subcommittee"), local(y, 3, d)) for d in (1, 2, 3)]
    Meeting.objects.filter(pk=sub[1].pk).delete()  # 2/… cancelled: the next is still 4/…
    later = schedule(body("subcommittee"), local(y, 3, 4))
    committee = schedule(body("committee"), local(y, 3, 5))

    assert later.label == f"4/{y + 543}"
    assert committee.label == f"1/{y + 543}"


@pytest.mark.django_db
def test_the_creator_and_notice_time_are_recorded():
    staff = StaffFactory()
    m = schedule(when=in_days(7), by=staff)
    m.refresh_from_db()
    assert m.created_by == staff
    assert m.notice_sent_at is not None
    assert m.notice_override_reason == ""


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_meetings_created_at_once_get_numbers_one_and_two(on_postgres):
    sub = body()
    staff_a, staff_b = StaffFactory(), StaffFactory()
    when = in_days(10)
    barrier = threading.Barrier(2)
    results = [None, None]

    def run(i, who):
        try:
            barrier.wait(timeout=10)
            results[i] = meeting_create(body=sub, held_at=when, place="ออนไลน์", by=who).number
        except Exception as exc:  # the test reports what went wrong
            results[i] = repr(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, who)) for i, who in enumerate((staff_a, staff_b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert sorted(results) == [1, 2]
    assert sorted(Meeting.objects.filter(body=sub).values_list("number", flat=True)) == [1, 2]
