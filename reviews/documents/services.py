"""The committee's acknowledgement of approved proposals and the emblem handover.

Both go through the one workflow function, ``transition()``. Each proposal is
its own transaction: one refused proposal leaves nothing behind (no agenda
item, no resolution) and does not hold back the others in the batch. The
committee acknowledges only at a meeting held after the subcommittee's approval.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.workflow import TransitionError, transition

from ..enums import ResolutionKind
from ..models import AgendaItem, Resolution
from ..timeline import acknowledgement_problem, approval_of


@dataclass
class Outcome:
    proposal: object
    ok: bool
    message: str = ""


def _acknowledge_one(meeting, proposal, *, by, text, when):
    # The dates first: nothing is written for a proposal this meeting cannot acknowledge.
    problem = acknowledgement_problem(meeting, approval_of(proposal))
    if problem:
        raise TransitionError(problem, code="invalid")
    # Staff may have put it on the meeting's agenda when scheduling it: that item is the one closed.
    item = AgendaItem.objects.select_for_update().filter(meeting=meeting, proposal=proposal).first()
    if item is None:
        last = AgendaItem.objects.filter(meeting=meeting).aggregate(m=Max("order"))["m"] or 0
        item = AgendaItem.objects.create(meeting=meeting, proposal=proposal, order=last + 1)
    elif item.closed_at is not None or item.resolution_id is not None:
        raise TransitionError(_("Its item on this meeting's agenda is already closed."), code="invalid")
    resolution = Resolution.objects.create(
        meeting=meeting, proposal=proposal, kind=ResolutionKind.ACKNOWLEDGE, text=text, recorded_by=by
    )
    item.resolution, item.closed_at, item.closed_by = resolution, when, by
    item.save(update_fields=["resolution", "closed_at", "closed_by"])
    transition(proposal, "acknowledge", by=by, resolution=resolution, note=text)


def acknowledge(meeting, proposals, *, by, text="") -> list:
    """Record the committee's acknowledgement (รับทราบ) of each proposal at ``meeting``.

    For each: an agenda item closed with a resolution of kind acknowledge, then
    the move approved → acknowledged. Returns one :class:`Outcome` per proposal.
    """
    text = (text or "").strip() or _("The committee acknowledged the subcommittee's approval.")
    outcomes = []
    for proposal in proposals:
        try:
            with transaction.atomic():
                _acknowledge_one(meeting, proposal, by=by, text=text, when=timezone.now())
        except TransitionError as error:
            outcomes.append(Outcome(proposal, False, error.message))
        else:
            outcomes.append(Outcome(proposal, True))
    return outcomes


def certify(proposals, *, by, note="") -> list:
    """Hand over the emblem: acknowledged → certified, with the certificate number and dates."""
    outcomes = []
    for proposal in proposals:
        try:
            transition(proposal, "certify", by=by, note=note)
        except TransitionError as error:
            outcomes.append(Outcome(proposal, False, error.message))
        else:
            outcomes.append(Outcome(proposal, True, proposal.certificate_number))
    return outcomes
