"""Reads of the privacy app. The current notice's version is cached for a minute: the middleware asks
for it on every signed-in request (publishing a version clears it at once in this process' cache and
in a shared one)."""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404

from core.access import is_office_staff

from .enums import OPEN_STATES
from .models import Acknowledgement, DataRequest, PrivacyNotice, SignInEvent

VERSION_KEY = "privacy:notice-version"


def _version_seconds():
    # A minute, so a web process with its own memory cache learns of a new version soon. Under the
    # test suite, for good: each test forgets it (tests/conftest.py), and a page's query count must
    # not depend on whether a slow machine crossed the minute.
    return None if settings.TESTING else 60


def current_version() -> int:
    """The version in force (0: no notice yet, so nobody is asked to acknowledge one)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = PrivacyNotice.objects.order_by("-version").values_list("version", flat=True).first() or 0
        cache.set(VERSION_KEY, version, _version_seconds())
    return version


def forget_current_version() -> None:
    cache.delete(VERSION_KEY)


def current_notice():
    return PrivacyNotice.objects.order_by("-version").first()


def notice_by_version(version):
    notice = PrivacyNotice.objects.filter(version=version).first()
    if notice is None:
        raise Http404
    return notice


def answer_to(user, version):
    """The person's latest answer to ``version``: True accepted, False refused, None not asked yet."""
    return (Acknowledgement.objects.filter(user=user, notice__version=version).order_by("-at", "-id")
            .values_list("accepted", flat=True).first())


def my_requests(user):
    return DataRequest.objects.filter(user=user).order_by("-created_at", "-id")


def my_sign_ins(user):
    return SignInEvent.objects.filter(user=user).order_by("-at", "-id")


def request_queue(user, *, show="open"):
    """The Office's queue, the ones waiting first, the nearest deadline first."""
    if not is_office_staff(user):
        raise Http404
    rows = DataRequest.objects.select_related("user", "handled_by")
    if show == "open":
        rows = rows.filter(state__in=OPEN_STATES)
    waiting_first = Case(When(state__in=OPEN_STATES, then=Value(0)), default=Value(1), output_field=IntegerField())
    return rows.order_by(waiting_first, "due_on", "id")


def request_for_staff(user, pk):
    """One request, for the Office; to anyone else it does not exist."""
    if not is_office_staff(user):
        raise Http404
    found = DataRequest.objects.select_related("user", "handled_by").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def notice_versions():
    return PrivacyNotice.objects.select_related("published_by").order_by("-version")
