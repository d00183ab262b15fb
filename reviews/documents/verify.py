"""What the public verification pages say: a certificate's live status, and what an uploaded PDF is.

An upload is read in memory, judged and forgotten: nothing of it is stored. It is the portal's
document when its SHA-256 is one an edition was issued with *and* pyHanko finds its signature
intact and made with the certificate that edition was signed with. Everything else gets one
plain answer (``Answer.code``), worst first: too large, not a PDF, damaged or incomplete, not
signed, altered after signing, signed by someone else, signed with the Office's key but not on
record here; and a genuine document of another city (or meeting) than the page's is named.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.enums import Action, State
from applications.models import StatusChange

from ..models import IssuedDocument
from . import signing

VALID, RENEWAL_DUE, EXPIRED, REVOKED = "valid", "renewal_due", "expired", "revoked"
STATUS_LABELS = {
    VALID: _("Valid"),
    RENEWAL_DUE: _("Valid, renewal due"),
    EXPIRED: _("Expired"),
    REVOKED: _("Revoked"),
}


@dataclass
class LiveStatus:
    code: str
    label: str
    since: object = None  # the date it took effect (expiry, revocation)
    reason: str = ""


def certificate_status(proposal, today=None) -> LiveStatus:
    """The certificate's standing now, read from the live record (not from any PDF)."""
    today = today or timezone.localdate()
    if proposal.status == State.REVOKED:
        change = (StatusChange.objects.filter(proposal=proposal, action=Action.REVOKE)
                  .order_by("-at", "-id").first())
        return LiveStatus(REVOKED, STATUS_LABELS[REVOKED], timezone.localtime(change.at).date() if change else None,
                          change.note if change else "")
    if proposal.status == State.EXPIRED or (proposal.valid_until and proposal.valid_until < today):
        return LiveStatus(EXPIRED, STATUS_LABELS[EXPIRED], proposal.valid_until)
    if proposal.status == State.RENEWAL:
        return LiveStatus(RENEWAL_DUE, STATUS_LABELS[RENEWAL_DUE], proposal.valid_until)
    return LiveStatus(VALID, STATUS_LABELS[VALID], proposal.valid_until)


# --- an uploaded PDF -----------------------------------------------------------------------------------

GENUINE = "genuine"
OTHER_SUBJECT = "other_subject"
TOO_LARGE = "too_large"
NOT_ON_RECORD = "not_on_record"
NONE_SENT = "none_sent"

MESSAGES = {
    GENUINE: _("Genuine: this PDF is one the portal issued, unaltered, and its signature is valid."),
    OTHER_SUBJECT: _("This PDF is genuine, but it is not this document: it is %(document)s."),
    TOO_LARGE: _("The file is too large to be one of the portal's documents (at most %(size)s MB)."),
    NONE_SENT: _("Choose a PDF file to check."),
    signing.NOT_PDF: _("This file is not a PDF."),
    signing.DAMAGED: _("This PDF is damaged or incomplete (for example cut short while downloading): "
                       "it cannot be checked. Download the document again."),
    signing.UNSIGNED: _("Not issued by this portal: the PDF carries no signature."),
    signing.ALTERED: _("Altered after signing: this PDF was changed after the Office signed it. "
                       "Do not rely on it."),
    signing.UNTRUSTED: _("Not issued by this portal: the PDF was signed by someone else (%(signer)s)."),
    NOT_ON_RECORD: _("The signature is valid, but this portal has no record of issuing this PDF."),
}


@dataclass
class Answer:
    code: str
    ok: bool = False
    document: IssuedDocument | None = None
    check: signing.Check | None = None
    sha256: str = ""

    @property
    def message(self) -> str:
        values = {
            "size": settings.VERIFY_UPLOAD_MAX_BYTES // (1024 * 1024),
            "signer": self.check.signer if self.check else "",
            "document": f"{self.document.get_kind_display()} {self.document.number}" if self.document else "",
        }
        return str(MESSAGES[self.code]) % values


def _trusted_certificates():
    pems = set(IssuedDocument.objects.order_by().values_list("signer_certificate", flat=True).distinct())
    return sorted(pems)


def check_upload(upload, *, subject=None) -> Answer:
    """Judge ``upload`` (a Django ``UploadedFile``, or None). ``subject``: the page's proposal or
    meeting, whose documents the upload should be one of."""
    if upload is None:
        return Answer(NONE_SENT)
    if upload.size > settings.VERIFY_UPLOAD_MAX_BYTES:
        return Answer(TOO_LARGE)
    content = upload.read(settings.VERIFY_UPLOAD_MAX_BYTES + 1)
    sha = hashlib.sha256(content).hexdigest()
    document = IssuedDocument.objects.select_related("proposal", "meeting", "superseded_by").filter(sha256=sha).first()
    if document is None:
        check = signing.verify(content, _trusted_certificates())
        code = NOT_ON_RECORD if check.outcome == signing.VALID else check.outcome
        return Answer(code, check=check, sha256=sha)
    check = signing.verify(content, [document.signer_certificate])
    if check.outcome != signing.VALID:  # on record, yet its signature fails: the key's certificate was replaced?
        return Answer(check.outcome, check=check, sha256=sha)
    if subject is not None and (document.proposal if document.proposal_id else document.meeting) != subject:
        return Answer(OTHER_SUBJECT, document=document, check=check, sha256=sha)
    return Answer(GENUINE, ok=True, document=document, check=check, sha256=sha)
