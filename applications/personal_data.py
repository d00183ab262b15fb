"""What applications holds about a person (core/personal_data.py): the proposals they wrote, the files
they uploaded, the moves they made, the amendments they asked for or decided, and what they typed
but did not save.

The proposals, files, moves and amendments are the proposal's record: an erasure keeps them, and
they then name an anonymised person (accounts). Unsaved typing is the person's alone, and goes.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.personal_data import Source, iso, source_register

from .models import Attachment, Proposal, ProposalAmendment, StatusChange, StepDraft


def proposals_export(user) -> list:
    rows = Proposal.objects.filter(created_by=user).select_related("organisation").order_by("created_at", "pk")
    return [{"id": p.pk, "name_th": p.name_th, "name_en": p.name_en, "organisation": p.organisation.name_th,
             "status": p.status, "created": iso(p.created_at)} for p in rows]


def acts_export(user) -> dict:
    moves = StatusChange.objects.filter(actor=user).order_by("at", "pk")
    files = Attachment.objects.filter(uploaded_by=user).order_by("uploaded_at", "pk")
    amendments = ProposalAmendment.objects.filter(Q(requested_by=user) | Q(decided_by=user)).order_by(
        "requested_at", "pk")
    return {
        "moves": [{"proposal": m.proposal_id, "action": m.action, "from": m.from_state, "to": m.to_state,
                   "as": m.actor_role, "at": iso(m.at), "note": m.note} for m in moves],
        "files_uploaded": [{"proposal": f.proposal_id, "file": f.original_name, "kind": f.kind,
                            "uploaded": iso(f.uploaded_at)} for f in files],
        "amendments": [{"proposal": a.proposal_id, "requested": iso(a.requested_at), "state": a.state,
                        "reason": a.reason if a.requested_by_id == user.pk else "",
                        "decided_by_you": a.decided_by_id == user.pk} for a in amendments],
    }


def drafts_export(user) -> list:
    rows = StepDraft.objects.filter(user=user).order_by("saved_at", "pk")
    return [{"proposal": d.proposal_id, "step": d.step, "typed": d.data, "kept": iso(d.saved_at)} for d in rows]


def drafts_erase(user) -> int:
    return StepDraft.objects.filter(user=user).delete()[0]


def register() -> None:
    # Kept as the record (no erase): they name the anonymised person afterwards.
    source_register(Source("applications.proposals", _("Proposals you wrote"), proposals_export,
                           models=("applications.Proposal",)))
    source_register(Source(
        "applications.acts", _("Your acts on proposals"), acts_export,
        models=("applications.StatusChange", "applications.Attachment", "applications.ProposalAmendment"),
    ))
    source_register(Source("applications.drafts", _("Unsaved typing"), drafts_export, drafts_erase,
                           models=("applications.StepDraft",)))
