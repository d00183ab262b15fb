"""Reads for annexes and frozen versions, always scoped to the person asking."""

from django.http import Http404

from accounts.permissions import is_office_staff, is_signed_in
from applications.models import Attachment, ProposalVersion
from applications.selectors import get_actionable_proposal, proposals_actionable_by


def may_work_on(user, proposal) -> bool:
    """The organisation, staff, assigned evaluators, members with it on their agenda."""
    if is_office_staff(user):
        return True
    if not is_signed_in(user):
        return False
    return proposals_actionable_by(user).filter(pk=proposal.pk).exists()


def attachments_of(proposal):
    return proposal.attachments.select_related("uploaded_by").order_by("uploaded_at", "id")


def get_attachment(user, pk, attachment_id) -> Attachment:
    """A stranger, or an id that belongs to another proposal, gets 404."""
    proposal = get_actionable_proposal(user, pk)
    try:
        return Attachment.objects.select_related("proposal", "uploaded_by").get(pk=attachment_id, proposal=proposal)
    except (Attachment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def attachments_in_version(version) -> list:
    """The annexes a frozen version handed in, as files one can open (matched by content:
    a file handed in with a version can no longer be removed)."""
    if version is None:
        return []
    hashes = [item.get("sha256") for item in version.snapshot.get("attachments", [])]
    found = {a.sha256: a for a in Attachment.objects.filter(proposal_id=version.proposal_id, sha256__in=hashes)}
    return [found[h] for h in dict.fromkeys(hashes) if h in found]


def frozen_hashes(proposal) -> dict:
    """sha256 → the first version that handed the file in."""
    frozen = {}
    rows = ProposalVersion.objects.filter(proposal=proposal).order_by("number").values_list("number", "snapshot")
    for number, snapshot in rows:
        for item in snapshot.get("attachments", []):
            frozen.setdefault(item.get("sha256"), number)
    return frozen


def versions_of(proposal):
    """The frozen versions for a list: without their (large) content."""
    return (
        ProposalVersion.objects.filter(proposal=proposal)
        .select_related("status_change")
        .defer("snapshot")
        .order_by("number")
    )


def get_version(proposal, number) -> ProposalVersion:
    try:
        return ProposalVersion.objects.select_related("status_change").get(proposal=proposal, number=number)
    except (ProposalVersion.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
