"""The record of amendments to a public proposal's facts (imported by ``applications.models``).

A row is written once when the proponent asks, and changed once when the Office decides:
pending → accepted or rejected. After that it is never edited, and no row is ever deleted.
The model refuses it here; on PostgreSQL a trigger (migration 0010) refuses it for raw SQL too.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import AmendmentState

# The only columns a decision writes; the request's own columns are never written again.
DECISION_FIELDS = ("state", "decided_by", "decided_at", "decision_note")


class AmendmentRecord(PermissionError):
    """An attempt to edit a decided amendment or to delete one (a programming error, not a user's)."""


class AmendmentQuerySet(models.QuerySet):
    # A bulk write would skip the one-decision rule in save(): closed, as on the history.
    def update(self, **kwargs):
        raise AmendmentRecord("Amendments are a record: they are decided one by one, never updated in bulk.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AmendmentRecord("Amendments are a record: they are decided one by one, never updated in bulk.")

    def delete(self):
        raise AmendmentRecord("Amendments are a record: they cannot be deleted.")


class ProposalAmendment(models.Model):
    """A change of a public proposal's public facts, asked for by its proponent with a reason.

    ``changes`` is ``{fact: {"before": value, "after": value}}`` in the form
    ``applications.amendments.facts.normal`` gives (text, the area as "40.21", province codes).
    """

    proposal = models.ForeignKey(
        "applications.Proposal", on_delete=models.PROTECT, related_name="amendments", verbose_name=_("proposal")
    )
    changes = models.JSONField(_("changes (before and after)"))
    reason = models.TextField(_("reason for the amendment"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now, db_index=True)
    state = models.CharField(
        _("decision"), max_length=16, choices=AmendmentState.choices, default=AmendmentState.PENDING,
        db_index=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("note on the decision"), blank=True)

    objects = AmendmentQuerySet.as_manager()

    # The proposal's timeline shows accepted amendments among its moves.
    is_amendment = True

    class Meta:
        verbose_name = _("amendment of public facts")
        verbose_name_plural = _("amendments of public facts")
        ordering = ["requested_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=AmendmentState.values), name="amendment_state_known"
            ),
            # Decided exactly when it has a decider and a time.
            models.CheckConstraint(
                condition=(
                    models.Q(state=AmendmentState.PENDING, decided_by__isnull=True, decided_at__isnull=True)
                    | (~models.Q(state=AmendmentState.PENDING)
                       & models.Q(decided_by__isnull=False, decided_at__isnull=False))
                ),
                name="amendment_decided_with_who_and_when",
            ),
            # One open request per proposal: its "before" is always the proposal as it stands.
            models.UniqueConstraint(
                fields=["proposal"], condition=models.Q(state=AmendmentState.PENDING),
                name="amendment_one_pending_per_proposal",
            ),
        ]

    def __str__(self):
        return f"{self.proposal_id}: {', '.join(self.changes or {})} ({self.state})"

    @property
    def is_pending(self) -> bool:
        return self.state == AmendmentState.PENDING

    @property
    def at(self):
        """When it took effect on the proposal (the timeline's order): its acceptance."""
        return self.decided_at or self.requested_at

    def save(self, *args, **kwargs):
        if self.pk is None or kwargs.get("force_insert"):
            return super().save(*args, **kwargs)
        # The one change a row may get: its decision, once, while it is still pending.
        fields = kwargs.get("update_fields")
        if fields is None or not set(fields) <= set(DECISION_FIELDS):
            raise AmendmentRecord("An amendment's request is never edited; only its decision is written, once.")
        stored = type(self)._base_manager.filter(pk=self.pk).values_list("state", flat=True).first()
        if stored != AmendmentState.PENDING:
            raise AmendmentRecord("This amendment was decided: its record cannot be changed.")
        if self.state == AmendmentState.PENDING:
            raise AmendmentRecord("A decision accepts or rejects the amendment.")
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AmendmentRecord("Amendments are a record: they cannot be deleted.")
