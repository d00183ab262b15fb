"""Bodies with members, and meetings scheduled the real way (through meeting_create)."""

import datetime
from zoneinfo import ZoneInfo

from django.db.models import Max
from django.utils import timezone

from core.thai import be_year
from reviews.meetings.services import meeting_create
from reviews.models import Body, Meeting
from tests.factories import BodyMembershipFactory, StaffFactory, UserFactory

BANGKOK = ZoneInfo("Asia/Bangkok")


def body(kind="subcommittee"):
    return Body.objects.get(kind=kind)


def seat(body_, role="member", user=None, since_days=400, until=None, **user_kwargs):
    user = user or UserFactory(**user_kwargs)
    BodyMembershipFactory(body=body_, user=user, role=role, term_end=until,
                          term_start=timezone.localdate() - datetime.timedelta(days=since_days))
    return user


def local(year, month, day, hour=9, minute=30):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BANGKOK)


def in_days(days, hour=9):
    d = timezone.localdate() + datetime.timedelta(days=days)
    return local(d.year, d.month, d.day, hour)


def schedule(body_=None, when=None, by=None, **kwargs):
    return meeting_create(
        body=body_ or body(), held_at=when or in_days(10), place=kwargs.pop("place", "ห้องประชุม depa ชั้น 5"),
        by=by or StaffFactory(), **kwargs,
    )



def held(body_=None, days_ago=1, by=None, place="ห้องประชุม depa ชั้น 5"):
    """A meeting held ``days_ago`` days ago, its notice sent in time before it.

    Attendance, votes and the close come on or after a meeting's start, so their tests need
    a meeting that has started; ``schedule`` makes the real, future ones.
    """
    body_ = body_ or body()
    when = in_days(-days_ago)
    year = be_year(when.year)
    number = (Meeting.objects.filter(body=body_, year_be=year).aggregate(n=Max("number"))["n"] or 0) + 1
    return Meeting.objects.create(
        body=body_, year_be=year, number=number, held_at=when, place=place,
        notice_sent_at=when - datetime.timedelta(days=body_.notice_days + 2), created_by=by or StaffFactory(),
    )
