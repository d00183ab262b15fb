"""Reads of amendments, scoped to the person asking (a stranger gets 404), and their display."""

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _

from accounts.permissions import is_member_of, is_office_staff
from core.thai import plain_number
from provinces.models import Province

from ..enums import AmendmentState
from .facts import PUBLIC_FACTS, label_of
from .models import ProposalAmendment


def may_see_amendments(user, proposal) -> bool:
    """The proponent organisation and the Office: a request's reason and the decision's note are theirs."""
    return is_office_staff(user) or is_member_of(user, proposal.organisation_id)


def may_request_amendment(user, proposal) -> bool:
    return is_member_of(user, proposal.organisation_id)


def amendments_of(proposal):
    return ProposalAmendment.objects.filter(proposal=proposal).select_related("requested_by", "decided_by")


def accepted_amendments_of(proposal):
    """What the timeline shows to everyone who may read the proposal: the accepted changes."""
    return amendments_of(proposal).filter(state=AmendmentState.ACCEPTED).order_by("decided_at", "id")


def pending_of(proposal):
    return amendments_of(proposal).filter(state=AmendmentState.PENDING).first()


def pending_amendments(user):
    """The Office's queue, oldest first; nobody else has one."""
    if not is_office_staff(user):
        return ProposalAmendment.objects.none()
    return (
        ProposalAmendment.objects.filter(state=AmendmentState.PENDING)
        .select_related("proposal", "proposal__organisation", "requested_by")
        .order_by("requested_at", "id")
    )


def get_amendment(user, pk) -> ProposalAmendment:
    """For its proponent organisation and the Office; 404 for anyone else."""
    try:
        amendment = ProposalAmendment.objects.select_related(
            "proposal", "proposal__organisation", "requested_by", "decided_by"
        ).get(pk=pk)
    except (ProposalAmendment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not may_see_amendments(user, amendment.proposal):
        raise Http404
    return amendment


def get_decidable_amendment(user, pk) -> ProposalAmendment:
    """The Office only: to anyone else the decision's address does not exist."""
    if not is_office_staff(user):
        raise Http404
    return get_amendment(user, pk)


@dataclass(frozen=True)
class Line:
    label: str
    before: str
    after: str


def _provinces(amendments) -> dict:
    codes = {
        code for a in amendments for side in a.changes.get("provinces", {}).values() for code in side or ()
    }
    if not codes:
        return {}
    return {p.code: p.name for p in Province.objects.filter(code__in=codes)}


def _shown(name, value, names) -> str:
    if value in (None, "", []):
        return "—"
    if name == "provinces":
        return ", ".join(names.get(code, code) for code in value)
    if name == "area_km2":
        return _("%(area)s km²") % {"area": plain_number(value)}
    return str(value)


def with_lines(amendments) -> list:
    """``amendments`` with ``lines`` (label, before, after) set, in one more query at most (province names)."""
    amendments = list(amendments)
    names = _provinces(amendments)
    for a in amendments:
        a.lines = [
            Line(label_of(name), _shown(name, a.changes[name]["before"], names),
                 _shown(name, a.changes[name]["after"], names))
            for name in PUBLIC_FACTS if name in a.changes
        ]
    return amendments
