"""Time runs one way: a decision comes on or after its meeting, the committee acknowledges an
approval at a meeting held after it, the emblem is handed over on or after the acknowledgement.

Registered with the workflow (applications.hooks) in ``plugins.connect()``: the decisions'
``problems`` judge every move a meeting decides (live or recorded, whoever records it), the
certify guard judges the handover. Refusals name the dates involved, in the reader's calendar.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from applications.enums import Action
from core.thai import local_date

from .enums import BodyKind, ResolutionKind
from .models import Resolution


def approval_of(proposal):
    """The subcommittee's approval of ``proposal`` (the latest, with its meeting), or ``None``."""
    return (
        Resolution.objects.filter(
            proposal_id=proposal.pk, kind=ResolutionKind.APPROVE, meeting__body__kind=BodyKind.SUBCOMMITTEE
        )
        .select_related("meeting")
        .order_by("-meeting__held_at", "-id")
        .first()
    )


def acknowledgement_problem(meeting, approval) -> str:
    """Why the committee cannot acknowledge ``approval`` at ``meeting``, or ``""``: it meets after it."""
    if approval is None or meeting.held_at > approval.meeting.held_at:
        return ""
    return _(
        "The committee's meeting of %(meeting)s was held before the subcommittee's resolution of %(approved)s: "
        "the committee acknowledges an approval at a meeting held after it."
    ) % {"meeting": local_date(meeting.held_at), "approved": local_date(approval.meeting.held_at)}


def decision_problems(resolution, proposal, when) -> list:
    """What keeps ``resolution`` from deciding a move of ``proposal`` dated ``when``."""
    meeting = resolution.meeting
    if meeting.held_at > when:
        return [_(
            "The resolution is of meeting no. %(label)s on %(date)s: a decision is recorded on or after its "
            "meeting, not on %(when)s."
        ) % {"label": meeting.label, "date": local_date(meeting.held_at), "when": local_date(when)}]
    if resolution.kind == ResolutionKind.ACKNOWLEDGE:
        problem = acknowledgement_problem(meeting, approval_of(proposal))
        if problem:
            return [problem]
    return []


def certify_problems(proposal) -> list:
    """The emblem is handed over on or after the committee's acknowledgement (its meeting's date)."""
    last = (
        proposal.history.filter(action=Action.ACKNOWLEDGE, resolution_id__isnull=False)
        .order_by("-at", "-id").values_list("resolution_id", flat=True).first()
    )
    resolution = Resolution.objects.select_related("meeting").filter(pk=last).first() if last else None
    now = timezone.now()
    if resolution is None or resolution.meeting.held_at <= now:
        return []
    return [_(
        "The committee acknowledged it at its meeting of %(date)s, after today (%(today)s): the emblem is "
        "handed over on or after the acknowledgement."
    ) % {"date": local_date(resolution.meeting.held_at), "today": local_date(now)}]
