"""Amendments of a public proposal's facts: asked for by its proponent, decided by the Office.

Accepting writes the new values to the proposal in the same transaction as the decision,
so the register (which reads the proposal) changes exactly when an amendment is accepted,
and never before. The amendment row is the history entry: the proposal's timeline shows
it among the moves (a change of facts is not a move of the workflow, so none is faked).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import is_member_of, is_office_staff
from provinces.models import Province

from ..enums import AmendmentState
from ..models import Proposal
from .facts import KEPT_FILLED, PUBLIC_FACTS, PublicFactError, facts_are_public, facts_of, label_of, normal
from .models import DECISION_FIELDS, ProposalAmendment


def _refuse(message, *, code="invalid", field=None):
    return PublicFactError(message, code=code, field=field)


def _clean_fact(proposal, name, value):
    """``value`` checked by the proposal's own field (length, blank, decimals, range), in its recorded form."""
    if name == "provinces":
        codes = normal(name, value)
        known = set(Province.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise _refuse(_("Unknown province code: %(codes)s.") % {"codes": ", ".join(unknown)}, field=name)
        cleaned = codes
    else:
        field = Proposal._meta.get_field(name)
        raw = value.strip() if isinstance(value, str) else value
        if raw == "" and field.null:
            raw = None
        try:
            field.clean(raw, proposal)
        except ValidationError as exc:
            raise _refuse(" ".join(exc.messages), field=name) from None
        cleaned = normal(name, raw)
    if name in KEPT_FILLED and cleaned in ("", None, []):
        raise _refuse(
            _("%(fact)s cannot be left empty: the register shows it.") % {"fact": label_of(name)}, field=name
        )
    return cleaned


@transaction.atomic
def amendment_request(*, proposal, by, changes: dict, reason: str) -> ProposalAmendment:
    """Ask to change public facts of ``proposal``: ``changes`` is ``{fact: new value}``.

    Facts given unchanged are left out of the record; nothing changes on the proposal until
    the Office accepts. One request per proposal waits at a time.
    """
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not is_member_of(by, locked.organisation_id):
        raise _refuse(_("Only members of the proponent organisation may request an amendment."), code="forbidden")
    if not facts_are_public(locked):
        raise _refuse(
            _("The proposal is not public yet: change its names, provinces and area in the editor."),
            code="not_allowed",
        )
    other = [name for name in changes if name not in PUBLIC_FACTS]
    if other:
        raise _refuse(
            _("Only the public facts (%(facts)s) are changed by amendment; “%(field)s” is not one of them.")
            % {"facts": ", ".join(label_of(n) for n in PUBLIC_FACTS), "field": other[0]},
            field=other[0],
        )
    reason = (reason or "").strip()
    if not reason:
        raise _refuse(_("Give the reason for the amendment: it stays in the record."), field="reason")
    if locked.amendments.filter(state=AmendmentState.PENDING).exists():
        raise _refuse(
            _("An amendment of this proposal is already waiting for the Office's decision."), code="duplicate"
        )
    before = facts_of(locked)
    after = {name: _clean_fact(locked, name, value) for name, value in changes.items()}
    recorded = {
        name: {"before": before[name], "after": after[name]}
        for name in PUBLIC_FACTS if name in after and after[name] != before[name]
    }
    if not recorded:
        raise _refuse(_("Nothing would change: the values given are the current ones."))
    return ProposalAmendment.objects.create(proposal=locked, changes=recorded, reason=reason, requested_by=by)


def _apply(proposal, changes) -> None:
    """Write the accepted values to the (locked) proposal; its save clears the register's cache."""
    columns = [name for name in changes if name != "provinces"]
    for name in columns:
        setattr(proposal, name, changes[name]["after"])
    if columns:
        proposal.save(update_fields=[*columns, "updated_at"])
    if "provinces" in changes:
        proposal.provinces.set(Province.objects.filter(code__in=changes["provinces"]["after"]))


@transaction.atomic
def amendment_decide(*, amendment, by, accept: bool, note: str = "") -> ProposalAmendment:
    """The Office accepts (the values are written to the proposal now) or rejects (with a note)."""
    if not is_office_staff(by):
        raise _refuse(_("Only the Smart City Office decides on amendments."), code="forbidden")
    # The proposal first, as a request locks it: a request and a decision never wait on each other.
    proposal = Proposal.objects.select_for_update().get(pk=amendment.proposal_id)
    row = ProposalAmendment.objects.select_for_update().get(pk=amendment.pk)
    if not row.is_pending:
        raise _refuse(_("This amendment has already been decided."), code="closed")
    note = (note or "").strip()
    if not accept and not note:
        raise _refuse(_("Give the reason for rejecting the amendment."), field="note")
    if accept:
        current = facts_of(proposal)
        if any(current[name] != change["before"] for name, change in row.changes.items()):
            raise _refuse(
                _("The public facts have changed since this amendment was requested: reject it and ask for a new one."),
                code="not_allowed",
            )
        _apply(proposal, row.changes)
    row.state = AmendmentState.ACCEPTED if accept else AmendmentState.REJECTED
    row.decided_by, row.decided_at, row.decision_note = by, timezone.now(), note
    row.save(update_fields=list(DECISION_FIELDS))
    for name in DECISION_FIELDS:
        setattr(amendment, name, getattr(row, name))
    return row
