"""Bring proposals into any state through the workflow's own table.

Tests never write ``status`` themselves, so a state a test starts from is a
state the workflow can actually reach. By default the path is *recorded*
(:func:`applications.workflow.record_history`): the same table of moves, roles,
inputs (notes, deadlines, resolutions), dates and effects (submission date,
certificate dates), and the versions a handing-in freezes, but no guard runs
and nobody is notified. A test about the moves themselves, or about what they
send, asks for ``walk=True``: every move through :func:`transition`, as a page
makes it. Recording costs a fraction of walking (no notifications rendered for
every proponent and officer at every step), and most tests only need the state.
"""

import datetime
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from applications.enums import Action, Role, State
from applications.versions import freeze
from applications.workflow import (  # noqa: F401 (re-exported for tests)
    TABLE,
    Recorded,
    decision_of,
    record_creation,
    record_history,
    transition,
)
from core.thai import be_year
from monitoring.models import ProgressReport
from reviews.models import (
    AgendaItem,
    Body,
    CriterionScore,
    EvaluatorAssignment,
    Meeting,
    Resolution,
)

from .factories import (
    BodyMembershipFactory,
    EvaluatorFactory,
    ProposalFactory,
    StaffFactory,
    UserFactory,
    complete_proposal,
    proponent,
)


class Clock:
    """Strictly increasing timestamps for a back-dated history."""

    def __init__(self, start):
        self.now = start

    def __call__(self):
        self.now += datetime.timedelta(hours=1)
        return self.now


def meeting(body_kind, when):
    body = Body.objects.get(kind=body_kind)
    year = be_year(timezone.localtime(when).year)
    number = Meeting.objects.filter(body=body, year_be=year).count() + 1
    return Meeting.objects.create(body=body, year_be=year, number=number, held_at=when, place="ห้องประชุม depa")


def resolution(proposal, kind, body_kind, when=None, by=None):
    """A meeting held at ``when`` that decided ``proposal``: its agenda item closed with the resolution,
    as a recorded decision leaves it (no vote lands on a decided item)."""
    when = when or timezone.now()
    by = by or StaffFactory()
    m = meeting(body_kind, when)
    decided = Resolution.objects.create(meeting=m, proposal=proposal, kind=kind, text="มติที่ประชุม", recorded_by=by)
    AgendaItem.objects.create(meeting=m, proposal=proposal, resolution=decided, closed_at=when, closed_by=by)
    return decided


def score_all(proposal, score, when=None):
    evaluator = EvaluatorFactory()
    for plan in proposal.plans.select_related("dimension"):
        a = EvaluatorAssignment.objects.create(
            proposal=proposal, dimension=plan.dimension, evaluator=evaluator, submitted_at=when or timezone.now()
        )
        for sub in plan.dimension.subcriteria.all():
            CriterionScore.objects.create(assignment=a, subcriterion=sub, score=Decimal(score))
    return evaluator


def deadline_after(when, days=30):
    return timezone.localtime(when).date() + datetime.timedelta(days=days)


# The shortest real path to each state, as (action, who) steps.
PATHS = {
    State.DRAFT: [],
    State.SUBMITTED: ["submit"],
    State.SCREENING: ["submit", "screen"],
    State.REVISION_REQUESTED: ["submit", "screen", "return_for_revision"],
    State.REJECTED: ["submit", "screen", "reject"],
    State.PROMOTION_ZONE: ["submit", "screen", "declare_zone"],
    State.EVALUATION: ["submit", "screen", "declare_zone", "submit_plan"],
    State.ON_AGENDA: ["submit", "screen", "declare_zone", "submit_plan", "recommend"],
    State.APPROVED: ["submit", "screen", "declare_zone", "submit_plan", "recommend", "resolve_approve"],
    State.ACKNOWLEDGED: ["submit", "screen", "declare_zone", "submit_plan", "recommend", "resolve_approve",
                         "acknowledge"],
    State.CERTIFIED: ["submit", "screen", "declare_zone", "submit_plan", "recommend", "resolve_approve",
                      "acknowledge", "certify"],
    State.RENEWAL: ["submit", "screen", "declare_zone", "submit_plan", "recommend", "resolve_approve",
                    "acknowledge", "certify", "renewal_due"],
    State.EXPIRED: ["submit", "screen", "declare_zone", "submit_plan", "recommend", "resolve_approve",
                    "acknowledge", "certify", "expire"],
    State.REVOKED: ["submit", "screen", "declare_zone", "submit_plan", "recommend", "resolve_approve",
                    "acknowledge", "certify", "revoke"],
    State.WITHDRAWN: ["withdraw"],
}
PROPONENT_ACTIONS = {"submit", "resubmit", "submit_plan", "resubmit_plan", "withdraw"}


def prepare(proposal, action, when, staff):
    """Satisfy the guard and inputs of ``action``; return transition() kwargs."""
    kwargs = {}
    if action == "recommend":
        score_all(proposal, 85, when)
    elif rule := decision_of(action):
        # The resolution the table asks for: its body and (first) kind.
        kwargs["resolution"] = resolution(proposal, rule.kinds[0], rule.body_kind, when, staff)
    elif action == "renew":
        ProgressReport.objects.create(
            proposal=proposal, period_end=timezone.localtime(when).date(), progress_percent=60,
            submitted_by=proposal.organisation.memberships.first().user,
        )
    if action in ("return_for_revision", "reject", "approve_in_principle", "revoke"):
        kwargs["note"] = "เหตุผลประกอบ"
    if action in ("return_for_revision", "approve_in_principle", "resolve_in_principle"):
        kwargs["deadline"] = deadline_after(when)
    return kwargs


def _by(action, org_user, staff):
    """Who makes ``action`` on the path, and in which role."""
    if action in ("renewal_due", "expire"):
        return None, Role.SYSTEM  # the system's periodic move
    if action in PROPONENT_ACTIONS:
        return org_user, Role.PROPONENT
    return staff, Role.STAFF


def bring_to(state, *, steps=None, years_ago=0, start=None, walk=False, dimensions=("ENV", "MOB")):
    """A complete proposal (claiming ``dimensions``) moved along ``PATHS[state]`` (or ``steps``).

    ``years_ago`` back-dates the whole history (the expired path needs a
    certificate whose validity has run out); ``start`` sets when it begins.
    ``walk=True`` makes each move through transition() (guards, notifications,
    webhooks); otherwise the same moves are recorded (see the module's note).
    """
    steps = PATHS[State(state)] if steps is None else steps
    if "expire" in steps and not years_ago:
        years_ago = 4
    org_user = proponent()
    proposal = ProposalFactory(organisation=org_user.memberships.get().organisation, created_by=org_user)
    complete_proposal(proposal, dimensions=dimensions)
    if start is None:
        start = timezone.now() - datetime.timedelta(days=365 * years_ago + 30 if years_ago else 2)
    move_along(proposal, steps, proponent=org_user, staff=StaffFactory(), start=start, walk=walk)
    return proposal


def move_along(proposal, steps, *, proponent, staff, start, walk=False):
    """Create the history of a saved draft and move it along ``steps``, an hour apart from ``start``.

    ``proponent`` makes the proponent's moves and ``staff`` the Office's (the system makes
    its periodic ones); recorded, or walked with ``walk=True`` (see the module's note).
    """
    clock = Clock(start)
    if walk:
        record_creation(proposal, by=proponent, at=clock())
        for action in steps:
            when = clock()
            kwargs = prepare(proposal, action, when, staff)
            transition(proposal, action, by=_by(action, proponent, staff)[0], at=when, **kwargs)
    else:
        recorded = [Recorded(Action.CREATE, clock(), proponent, Role.PROPONENT)]
        for action in steps:
            when = clock()
            kwargs = prepare(proposal, action, when, staff)
            by, role = _by(action, proponent, staff)
            recorded.append(Recorded(Action(action), when, by, role, **kwargs))
        for change in record_history(proposal, recorded):
            # Handing in freezes a version, as transition() does.
            if change.action != Action.CREATE and TABLE[(change.from_state, change.action)].freezes:
                freeze(proposal, change)
    proposal.refresh_from_db()
    return proposal


def actor(role, proposal):
    """A user who holds ``role`` towards ``proposal`` (``None`` for the system)."""
    role = Role(role)
    if role == Role.SYSTEM:
        return None
    if role == Role.PUBLIC:
        return UserFactory()
    if role == Role.STAFF:
        return StaffFactory()
    if role == Role.PROPONENT:
        return proponent(organisation=proposal.organisation)
    if role == Role.EVALUATOR:
        user = EvaluatorFactory()
        plan = proposal.plans.first()
        EvaluatorAssignment.objects.create(proposal=proposal, dimension=plan.dimension, evaluator=user)
        return user
    # Chair, secretary or member of the subcommittee with the proposal on its agenda.
    user = UserFactory()
    body = Body.objects.get(kind="subcommittee")
    BodyMembershipFactory(body=body, user=user, role=role.value)
    if not AgendaItem.objects.filter(proposal=proposal, meeting__body=body).exists():
        m = meeting("subcommittee", timezone.now())
        AgendaItem.objects.create(meeting=m, proposal=proposal)
    return user


def anonymous():
    return AnonymousUser()


ALL_ACTIONS = [a for a in Action if a != Action.CREATE]
