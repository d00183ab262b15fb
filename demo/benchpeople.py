"""The people the page benchmark signs in as, with the loads the issue asks for (issue 16).

On top of the bulk proposals (``benchdata``): a proponent whose organisation has about 50
proposals, an evaluator with 200 assignments (most of them scored, some open, a few late),
a chair and a member of the subcommittee and a member of the committee, and an upcoming
subcommittee meeting with open agenda items for them. Idempotent: run again, it finds what
it made (usernames ``bench-<role>``). The accounts have unusable passwords here; the
benchmark sets its own before it signs in (bench/pages_at_scale.py).
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Func, Max
from django.utils import timezone

from accounts.models import Membership
from applications.enums import State
from applications.models import DimensionPlan, Proposal
from core.thai import be_year
from reviews.enums import BodyKind, MemberRole
from reviews.models import AgendaItem, Body, BodyMembership, EvaluatorAssignment, Meeting

from .benchdata import MEETING_PLACE, OFFICE, PREFIX, bench_proposals

PROPONENT, EVALUATOR, CHAIR, MEMBER, COMMITTEE_MEMBER = (
    f"{PREFIX}{role}" for role in ("proponent", "evaluator", "chair", "member", "committee-member")
)
PROPONENT_PROPOSALS = 50
ASSIGNMENTS = 200
AGENDA_ITEMS = 20
TERM_START = datetime.date(2019, 1, 1)


def _user(username, **flags):
    user, _created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": "ทดสอบ", "last_name": username, "password": "!bench", **flags},
    )
    return user


def make_people(rng) -> dict:
    """Make (or find) the benchmark's people and their loads; returns a summary by role."""
    office = get_user_model().objects.get(username=OFFICE)
    return {
        "proponent": _proponent(),
        "evaluator": _evaluator(rng, office),
        **_members(office),
    }


def _proponent() -> str:
    user = _user(PROPONENT)
    mine = Membership.objects.filter(user=user).values_list("organisation_id", flat=True).first()
    if mine is None:
        # The bench organisation whose number of proposals is nearest the load asked for.
        counts = (
            bench_proposals().values("organisation_id").annotate(n=Count("pk"))
            .annotate(off=Func(F("n") - PROPONENT_PROPOSALS, function="ABS")).order_by("off", "organisation_id")
        )
        mine = counts[0]["organisation_id"]
        Membership.objects.create(user=user, organisation_id=mine)
    n = Proposal.objects.filter(organisation_id=mine).count()
    return f"{PROPONENT}: organisation {mine} with {n} proposals"


def _evaluator(rng, office) -> str:
    user = _user(EVALUATOR, is_evaluator=True)
    have = EvaluatorAssignment.objects.filter(evaluator=user).count()
    if have < ASSIGNMENTS:
        # Proposals that reached evaluation; one claimed dimension each (the first by the plan's id).
        reached = bench_proposals().filter(
            status__in=(State.EVALUATION, State.ON_AGENDA, State.APPROVED, State.CERTIFIED)
        ).exclude(assignments__evaluator=user).order_by("-status_changed_at").values_list("pk", flat=True)
        chosen = list(reached[: (ASSIGNMENTS - have) * 3])
        rng.shuffle(chosen)
        plans = {}
        for plan in DimensionPlan.objects.filter(proposal_id__in=chosen).order_by("pk").values("proposal_id",
                                                                                             "dimension_id"):
            plans.setdefault(plan["proposal_id"], plan["dimension_id"])
        in_evaluation = set(
            Proposal.objects.filter(pk__in=chosen, status=State.EVALUATION).values_list("pk", flat=True)
        )
        today = timezone.localdate()
        rows = []
        for pk in chosen[: ASSIGNMENTS - have]:
            is_open = pk in in_evaluation and rng.random() < 0.6
            due = today + datetime.timedelta(days=rng.randint(-10, 30))
            rows.append(EvaluatorAssignment(
                proposal_id=pk, dimension_id=plans[pk], evaluator=user, assigned_by=office, due_on=due,
                submitted_at=None if is_open else timezone.now() - datetime.timedelta(days=rng.randint(1, 900)),
            ))
        EvaluatorAssignment.objects.bulk_create(rows)
    mine = EvaluatorAssignment.objects.filter(evaluator=user)
    return f"{EVALUATOR}: {mine.count()} assignments, {mine.filter(submitted_at__isnull=True).count()} open"


def _members(office) -> dict:
    bodies = {b.kind: b for b in Body.objects.all()}
    seats = ((CHAIR, BodyKind.SUBCOMMITTEE, MemberRole.CHAIR), (MEMBER, BodyKind.SUBCOMMITTEE, MemberRole.MEMBER),
             (COMMITTEE_MEMBER, BodyKind.COMMITTEE, MemberRole.MEMBER))
    for username, kind, role in seats:
        user = _user(username)
        BodyMembership.objects.get_or_create(user=user, body=bodies[kind],
                                             defaults={"role": role, "term_start": TERM_START})
    meeting = _upcoming_meeting(bodies[BodyKind.SUBCOMMITTEE], office)
    summary = {}
    for username, kind, _role in seats:
        meetings = Meeting.objects.filter(body=bodies[kind]).count()
        summary[username] = f"{username}: sits on the {kind} ({meetings} meetings)"
    summary["upcoming"] = f"upcoming meeting {meeting.pk} with {meeting.agenda.count()} open items"
    return summary


def _upcoming_meeting(body, office) -> Meeting:
    """A subcommittee meeting next month with open items: what members read before they meet."""
    now = timezone.now()
    meeting = Meeting.objects.filter(body=body, held_at__gt=now, created_by=office).order_by("held_at").first()
    if meeting is None:
        held = now + datetime.timedelta(days=20)
        year = be_year(timezone.localtime(held).year)
        number = (Meeting.objects.filter(body=body, year_be=year).aggregate(n=Max("number"))["n"] or 0) + 1
        meeting = Meeting.objects.create(body=body, year_be=year, number=number, held_at=held,
                                         place=MEETING_PLACE, created_by=office)
    if not meeting.agenda.exists():
        waiting = bench_proposals().filter(status=State.ON_AGENDA).order_by("status_changed_at", "pk")
        AgendaItem.objects.bulk_create(
            AgendaItem(meeting=meeting, proposal_id=pk, order=i)
            for i, pk in enumerate(waiting.values_list("pk", flat=True)[:AGENDA_ITEMS], start=1)
        )
    return meeting
