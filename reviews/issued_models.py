"""Each signed certificate and set of minutes the portal issued, kept as issued (issue 19).

Imported by ``reviews.models`` (so it is the app's model). A document is never rewritten: a
renewal, a name amended, a changed status or a corrected record issues a new one that
``supersedes`` the last, and the earlier ones still verify, as superseded. The signed bytes are
kept in the row itself, under the same append-only guard as the rest of the record (the
database trigger of reviews/migrations/0004): a file in storage could be replaced without it.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import DocumentKind, IssueReason
from .records import AppendOnly


class IssuedDocument(AppendOnly):
    kind = models.CharField(_("kind"), max_length=16, choices=DocumentKind.choices)
    proposal = models.ForeignKey(
        "applications.Proposal", on_delete=models.PROTECT, null=True, blank=True, related_name="issued_documents",
        verbose_name=_("certified city"),
    )
    meeting = models.ForeignKey(
        "reviews.Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="issued_documents",
        verbose_name=_("meeting"),
    )
    # The certificate number, or the meeting's label for the minutes: what the document says it is.
    number = models.CharField(_("number"), max_length=40, db_index=True)
    edition = models.PositiveIntegerField(_("edition"))
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=16, choices=IssueReason.choices)
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by",
        verbose_name=_("supersedes"),
    )
    sha256 = models.CharField("SHA-256", max_length=64, unique=True)  # the same in every language
    # The SHA-256 of the unsigned document rendered with a fixed date: the same content gives the
    # same value, so a new edition is issued only when what the document says has changed.
    content_sha256 = models.CharField(_("content fingerprint"), max_length=64)
    content = models.BinaryField(_("signed PDF"))
    # The facts printed (status, validity, names): what changed is read from them.
    facts = models.JSONField(_("facts"), default=dict)
    signer_certificate = models.TextField(_("signing certificate (PEM)"))
    development_key = models.BooleanField(_("signed with the development key"), default=False)
    timestamped = models.BooleanField(_("time-stamped (PAdES B-T)"), default=False)

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["kind", "number", "edition"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind=DocumentKind.CERTIFICATE, proposal__isnull=False, meeting__isnull=True)
                           | models.Q(kind=DocumentKind.MINUTES, meeting__isnull=False, proposal__isnull=True)),
                name="issueddocument_one_subject",
            ),
            # One edition number per subject (two issuing at once: one fails, neither is lost).
            models.UniqueConstraint(fields=["proposal", "edition"], condition=models.Q(proposal__isnull=False),
                                    name="issueddocument_certificate_edition"),
            models.UniqueConstraint(fields=["meeting", "edition"], condition=models.Q(meeting__isnull=False),
                                    name="issueddocument_minutes_edition"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number} ({self.edition})"

    @property
    def superseded(self) -> bool:
        return hasattr(self, "superseded_by")
