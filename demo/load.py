"""Demo data for ``python manage.py load_demo``: people, organisations, and proposals in every state.

Only ever with DEBUG on: every demo account shares the published DEMO_PASSWORD.
Idempotent: users and organisations are found by their natural keys, a
proposal by its organisation and Thai name, and a story already built is
skipped whole (its meetings included), so a second run adds nothing.
"""

from collections import Counter

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from applications.models import Proposal
from applications.workflow import TransitionError

from .builder import Builder, Clock, ensure_meetings, meeting_keys
from .people import ensure_organisations, ensure_people, ensure_seats, missing_reference_data
from .privacy import ensure_privacy_notice
from .stories import STORIES


class DemoRefused(Exception):
    """The demo cannot be loaded here (DEBUG off, or reference data missing)."""


def load_demo(now=None) -> Counter:
    """Create whatever of the demo is missing; return counts of what was created and skipped."""
    if not settings.DEBUG:
        # Accounts with a published password must never exist on a production site.
        raise DemoRefused(
            _("DEBUG is off: the demo accounts share a published password, so they are only made with DEBUG=true.")
        )
    missing = missing_reference_data()
    if missing:
        raise DemoRefused(
            _("Reference data is missing (%(missing)s): run “python manage.py load_reference_data” first.")
            % {"missing": ", ".join(missing)}
        )
    clock = Clock(now)
    counts = Counter()
    with transaction.atomic():
        users = ensure_people(counts)
        orgs = ensure_organisations(users, counts)
        bodies = ensure_seats(users, clock.today)
        ensure_privacy_notice(users, counts)
    todo = [
        story for story in STORIES
        if not Proposal.objects.filter(organisation=orgs[story.org], name_th=story.name_th).exists()
    ]
    # Oldest first, so reference numbers (SC-BE-00001) follow the order proposals came in.
    todo.sort(key=lambda story: -story.created)
    counts["proposals_skipped"] = len(STORIES) - len(todo)
    # All meetings first, in date order, so their numbers N/BE run in date order too.
    with transaction.atomic():
        meetings = ensure_meetings(set().union(*map(meeting_keys, todo)), bodies, clock, counts)
    builder = Builder(users=users, orgs=orgs, meetings=meetings, clock=clock)
    for story in todo:
        # One story, one transaction: a failure leaves no half-told history behind.
        try:
            with transaction.atomic():
                builder.build(story)
        except (TransitionError, ValueError) as exc:
            # Say which story broke (e.g. staff set a validity the dates no longer fit); the
            # stories already built stay, and a re-run resumes from this one.
            raise DemoRefused(
                _("The demo proposal “%(name)s” could not be built: %(error)s") % {"name": story.name_th, "error": exc}
            ) from exc
        counts["proposals"] += 1
    return counts
