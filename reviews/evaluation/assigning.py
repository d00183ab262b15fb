"""What assigning evaluators would change, worked out before anything is written.

The assign page shows this plan and asks staff to confirm it; the service
works it out again from the locked rows and refuses if it no longer matches
what was confirmed (its ``digest``). Only the evaluators chosen are touched:
the others keep their submitted scores and hear nothing.
"""

import hashlib
from dataclasses import dataclass, field

NEW = "new"            # no assignment yet: created on the latest version
RESCORE = "rescore"    # submitted scores are sent back (reopen_assignment) and scored on the latest version
CONTINUE = "continue"  # still scoring: the due date (and the version, if newer) is updated


@dataclass(frozen=True)
class PlanLine:
    dimension: object
    evaluator: object
    action: str
    assignment: object = None  # the current assignment, None for NEW
    version: object = None     # the version to score: the latest handed in

    @property
    def moves_version(self) -> bool:
        return self.assignment is not None and self.assignment.version_id != self.version.pk


@dataclass
class AssignmentPlan:
    version: object
    due_on: object
    reason: str
    lines: list = field(default_factory=list)
    # Current assignments nobody chose: left exactly as they are, and not told.
    kept: list = field(default_factory=list)

    def of(self, action) -> list:
        return [line for line in self.lines if line.action == action]

    @property
    def rescored(self) -> list:
        return self.of(RESCORE)

    @property
    def new(self) -> list:
        return self.of(NEW)

    @property
    def continued(self) -> list:
        return self.of(CONTINUE)

    @property
    def kept_submitted(self) -> list:
        return [a for a in self.kept if a.submitted_at is not None]

    @property
    def kept_open(self) -> list:
        return [a for a in self.kept if a.submitted_at is None]

    @property
    def by_dimension(self) -> list:
        """``[(dimension, [lines])]`` in the order chosen: what the confirmation lists."""
        grouped = {}
        for line in self.lines:
            grouped.setdefault(line.dimension, []).append(line)
        return list(grouped.items())

    @property
    def digest(self) -> str:
        """A fingerprint of everything the confirmation shows; a different plan has a different one."""
        parts = [f"v{self.version.pk}", f"due{self.due_on.isoformat()}", f"r{self.reason}"]
        parts += sorted(
            f"{line.dimension.pk}:{line.evaluator.pk}:{line.action}:"
            f"{line.assignment.pk if line.assignment else '-'}:{line.assignment.version_id if line.assignment else '-'}"
            for line in self.lines
        )
        parts += sorted(f"k{a.pk}:{a.submitted_at is not None}:{a.version_id}" for a in self.kept)
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def plan_build(*, version, due_on, reason, current, choices) -> AssignmentPlan:
    """The plan for ``choices`` (Dimension -> users) over the proposal's ``current`` assignments."""
    existing = {(a.dimension_id, a.evaluator_id): a for a in current}
    plan = AssignmentPlan(version=version, due_on=due_on, reason=reason)
    chosen = set()
    for dimension, users in choices.items():
        for user in users:
            key = (dimension.pk, user.pk)
            if key in chosen:
                continue
            chosen.add(key)
            a = existing.get(key)
            if a is None:
                action = NEW
            elif a.submitted_at is not None:
                action = RESCORE
            else:
                action = CONTINUE
            plan.lines.append(PlanLine(dimension, user, action, a, version))
    plan.kept = [a for a in current if (a.dimension_id, a.evaluator_id) not in chosen]
    return plan
