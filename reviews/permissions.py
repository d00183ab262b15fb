"""Who may screen, assign and score: plain predicates, reused by pages and the admin."""

from django.utils import timezone

from accounts.permissions import is_evaluator, is_office_staff
from applications.enums import State


def can_screen(user) -> bool:
    """Screening, zone groups, assignments and the score matrix are the Office's work."""
    return is_office_staff(user)


def can_assign_evaluators(user, proposal) -> bool:
    return is_office_staff(user) and proposal.status == State.EVALUATION


def can_score(user, assignment) -> bool:
    """Only the assigned evaluator, while the assignment is open and the proposal in evaluation."""
    return (
        is_evaluator(user)
        and assignment.evaluator_id == user.pk
        and assignment.submitted_at is None
        and assignment.proposal.status == State.EVALUATION
    )


def is_late(assignment, today=None) -> bool:
    if assignment.submitted_at is not None or assignment.due_on is None:
        return False
    return assignment.due_on < (today or timezone.localdate())
