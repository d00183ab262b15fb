"""Issuing the signed certificates and minutes, edition after edition, never rewriting one (issue 19).

Whenever a document is asked for, it is rendered unsigned with a fixed date and its SHA-256
compared with the last edition's (``content_sha256``): the same, and the last edition is the
document; different (a renewal, a new status, a name amended, a correction recorded), and a
new edition is rendered, signed and stored, superseding the last. So no path that changes a
city or a meeting has to remember to re-issue, and an edition is issued only when what it
says has changed. Signing holds the subject's row lock: two readers at once issue one edition.
"""

import datetime
import hashlib

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from applications.models import Proposal

from ..enums import DocumentKind, IssueReason
from ..models import IssuedDocument, Meeting
from . import signing
from .certificate import certificate_pdf
from .minutes import minutes_pdf

# The creation date of the unsigned rendering compared between editions: fpdf2 writes this
# date (its "reproducible output" epoch) for the XMP modification date too, instead of now.
FINGERPRINT_DATE = datetime.datetime(1969, 12, 31, 19, 0, 0, tzinfo=datetime.UTC)


def absolute(path: str) -> str:
    return settings.PORTAL_URL.rstrip("/") + path


def certificate_verify_url(proposal) -> str:
    return absolute(reverse("verify-certificate", kwargs={"number": proposal.certificate_number}))


def minutes_verify_url(meeting) -> str:
    return absolute(reverse("verify-minutes", kwargs={"pk": meeting.pk}))


def _sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def certificate_facts(proposal) -> dict:
    return {
        "status": proposal.status,
        "valid_until": proposal.valid_until.isoformat() if proposal.valid_until else "",
        "name_th": proposal.name_th,
        "name_en": proposal.name_en or "",
    }


def _certificate_reason(old: dict, new: dict) -> str:
    if old.get("valid_until") != new["valid_until"]:
        return IssueReason.RENEWED
    if old.get("status") != new["status"]:
        return IssueReason.STATUS
    if (old.get("name_th"), old.get("name_en")) != (new["name_th"], new["name_en"]):
        return IssueReason.NAME_AMENDED
    return IssueReason.CORRECTED


def latest(*, proposal=None, meeting=None):
    subject = {"proposal": proposal} if proposal is not None else {"meeting": meeting}
    return IssuedDocument.objects.filter(**subject).order_by("-edition").first()


def _issue(*, kind, subject, number, render, facts, reason_of):
    """The current edition for ``subject`` (a proposal or a meeting), issuing one if what
    ``render(created)`` prints differs from the last edition's."""
    field = "proposal" if kind == DocumentKind.CERTIFICATE else "meeting"
    with translation.override("th"):
        fingerprint = _sha(render(FINGERPRINT_DATE))
    last = latest(**{field: subject})
    if last is not None and last.content_sha256 == fingerprint:
        return last
    with transaction.atomic():
        type(subject).objects.select_for_update().filter(pk=subject.pk).first()
        last = latest(**{field: subject})
        if last is not None and last.content_sha256 == fingerprint:
            return last
        now = timezone.now()
        reason = IssueReason.ISSUED if last is None else reason_of(last.facts, facts)
        with translation.override("th"):
            signed = signing.sign(render(now), reason=f"{number} ({reason})")
        return IssuedDocument.objects.create(
            kind=kind, number=number, edition=(last.edition + 1) if last else 1, issued_at=now,
            reason=reason, supersedes=last, sha256=_sha(signed.content), content_sha256=fingerprint,
            content=signed.content, facts=facts, signer_certificate=signed.cert_pem,
            development_key=signed.development, timestamped=signed.timestamped, **{field: subject},
        )


def certificate_current(proposal: Proposal) -> IssuedDocument:
    """The certificate as it stands today, signed (raises ``signing.SigningError`` if it cannot be)."""
    url = certificate_verify_url(proposal)
    return _issue(
        kind=DocumentKind.CERTIFICATE, subject=proposal, number=proposal.certificate_number,
        render=lambda created: certificate_pdf(proposal, verify_url=url, created=created),
        facts=certificate_facts(proposal), reason_of=_certificate_reason,
    )


def minutes_current(meeting: Meeting) -> IssuedDocument:
    """The final minutes (the whole record, no draft) as they stand today, signed."""
    url = minutes_verify_url(meeting)
    facts = {"label": meeting.label, "body": meeting.body.kind, "held_at": meeting.held_at.isoformat()}
    return _issue(
        kind=DocumentKind.MINUTES, subject=meeting, number=meeting.label,
        render=lambda created: minutes_pdf(meeting, None, verify_url=url, created=created),
        facts=facts, reason_of=lambda old, new: IssueReason.CORRECTED,
    )
