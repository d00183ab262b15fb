"""Every write of a proposal's annexes: add one, remove one."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from applications.enums import EDITABLE_STATES, AttachmentKind
from applications.models import Attachment, Proposal
from applications.permissions import can_edit_proposal
from applications.workflow import TransitionError

from .selectors import frozen_hashes
from .uploads import inspect


def not_editable_message(proposal) -> str:
    if proposal.status in EDITABLE_STATES:  # the state allows it: the person may not
        return _("You may only write proposals for your own organisation.")
    return _("This proposal cannot be changed while it is “%(state)s”.") % {"state": proposal.get_status_display()}


def _not_editable(proposal):
    return TransitionError(not_editable_message(proposal), code="not_allowed")


def attachment_add(*, proposal, by, kind, upload) -> Attachment:
    """Check ``upload`` by its content and keep it as an annex of ``proposal``.

    A PDF is kept as its rewritten copy (``uploads.inspect``); the returned
    attachment's ``removed`` (not a field) names what active content that copy lost.
    Raises ``TransitionError`` if the proposal may not be changed by ``by``,
    ``ValidationError`` (on ``kind`` or ``file``) if the file is refused. A
    refused file leaves nothing behind: no row and no file in storage.
    """
    if not can_edit_proposal(by, proposal):
        raise _not_editable(proposal)
    if kind not in AttachmentKind.values:
        raise ValidationError({"kind": _("Choose the kind of annex.")})
    try:
        found = inspect(upload, kind=kind)  # reads and hashes the file: before taking any lock
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not can_edit_proposal(by, locked):  # a submit may have happened meanwhile
            raise _not_editable(locked)
        same = locked.attachments.filter(sha256=found.sha256).first()
        if same is not None:
            raise ValidationError({"file": _("The file ‘%(name)s’ is already attached, as ‘%(existing)s’.")
                                   % {"name": found.name, "existing": same.original_name}})
        attachment = Attachment(
            proposal=locked, kind=kind, original_name=found.name, content_type=found.content_type,
            size=found.size, sha256=found.sha256, uploaded_by=by,
        )
        # The stored name is random (models.attachment_path); the real one is in original_name.
        # What is kept is what was checked: a PDF's rewritten copy, not the upload.
        attachment.file.save(found.name, found.content, save=False)
        stored = attachment.file.name
        try:
            attachment.save()
        except Exception:
            attachment.file.storage.delete(stored)
            raise
    attachment.removed = found.removed
    return attachment


def removal_refusal(attachment, frozen=None):
    """Why ``attachment`` may not be removed (it was handed in), or None."""
    number = (frozen if frozen is not None else frozen_hashes(attachment.proposal)).get(attachment.sha256)
    if number is None:
        return None
    return _("‘%(name)s’ cannot be removed: it was handed in with version %(number)s, and a submitted version "
             "keeps, for the record, the files it was judged on. Upload the corrected file as another annex "
             "instead.") % {"name": attachment.original_name, "number": number}


def attachment_remove(*, attachment, by) -> None:
    """Remove an annex that no submitted version holds, while the proposal may be changed."""
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=attachment.proposal_id)
        if not can_edit_proposal(by, locked):
            raise _not_editable(locked)
        refusal = removal_refusal(attachment, frozen_hashes(locked))
        if refusal:
            raise TransitionError(refusal, code="not_allowed")
        storage, stored = attachment.file.storage, attachment.file.name
        attachment.delete()
        # The file goes only once the row is surely gone.
        transaction.on_commit(lambda: storage.delete(stored))
