"""Bodies with members, and meetings scheduled the real way (through meeting_create)."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from reviews.meetings.services import meeting_create
from reviews.models import Body
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
