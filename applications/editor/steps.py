"""The editor's steps, one per criterion of announcement 1/2562, and the live checklist.

The checklist is the workflow's own guard for the move the proponent will make
next (submit, resubmit, submit the plan...), so the page never disagrees with
the refusal the move would give. Each guard message starts with "Criterion N"
(in English); that number says which step the item belongs to.
"""

import re
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..enums import Action, State
from ..guards import revision_origin
from ..workflow import TABLE, move_problems


@dataclass(frozen=True)
class Step:
    slug: str
    criterion: int | None
    title: str


STEPS = (
    Step("area", 1, _("Target area, vision and goals")),
    Step("infrastructure", 2, _("Infrastructure and investment")),
    Step("platform", 3, _("City data platform")),
    Step("dimensions", 4, _("Smart services by dimension")),
    Step("management", 5, _("Management model")),
    Step("review", None, _("Review and submit")),
)
BY_SLUG = {s.slug: s for s in STEPS}
SLUGS = tuple(BY_SLUG)
FORM_STEPS = SLUGS[:-1]
BY_CRITERION = {s.criterion: s.slug for s in STEPS if s.criterion}

# The proponent's handing-in moves, by state.
_HAND_IN = {State.DRAFT: Action.SUBMIT, State.PROMOTION_ZONE: Action.SUBMIT_PLAN}
_CRITERION = re.compile(r"^Criterion (\d)\b")


def next_of(slug):
    i = SLUGS.index(slug)
    return SLUGS[i + 1] if i + 1 < len(SLUGS) else None


def hand_in_action(proposal):
    """The move that hands the proposal in from its state, or None if nothing is to hand in."""
    if proposal.status == State.REVISION_REQUESTED:
        origin = revision_origin(proposal)
        return Action.RESUBMIT_PLAN if origin in (State.EVALUATION, State.ON_AGENDA) else Action.RESUBMIT
    return _HAND_IN.get(proposal.status)


def _steps_of(english: str) -> tuple:
    """Which steps a guard message (read in English) belongs to."""
    match = _CRITERION.match(english)
    if match:
        return (BY_CRITERION[int(match.group(1))],)
    if "budgets add up" in english:
        return ("infrastructure", "dimensions")
    if "initiative" in english or "indicator" in english:
        return ("dimensions",)
    return ("review",)


@dataclass(frozen=True)
class Item:
    text: str
    steps: tuple

    @property
    def step(self):
        return self.steps[0]


@dataclass
class Checklist:
    action: str | None
    items: list = field(default_factory=list)

    def missing(self, slug) -> int:
        if slug == "review":
            return len(self.items)
        return sum(1 for item in self.items if slug in item.steps)

    def marks(self):
        """(step, missing count) for the step navigation."""
        return [(step, self.missing(step.slug)) for step in STEPS]

    def first_missing_step(self):
        for step in STEPS[:-1]:
            if self.missing(step.slug):
                return step.slug
        return "review"


def checklist(proposal) -> Checklist:
    """What is still missing before the proposal can be handed in, in the page's language."""
    action = hand_in_action(proposal)
    if action is None:
        return Checklist(action=None)
    move = TABLE[(proposal.status, action)]
    with translation.override("en"):
        english = move_problems(move, proposal)
    shown = english if (translation.get_language() or "")[:2] == "en" else move_problems(move, proposal)
    return Checklist(action=action, items=[Item(t, _steps_of(e)) for t, e in zip(shown, english, strict=True)])


def revision_request(proposal):
    """The last request for revision (its note and deadline), while the proposal awaits it."""
    if proposal.status != State.REVISION_REQUESTED:
        return None
    return (
        proposal.history.filter(to_state=State.REVISION_REQUESTED)
        .prefetch_related("resolution__meeting__body")
        .order_by("-at", "-id")
        .first()
    )
