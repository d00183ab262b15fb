"""Writes for conflicts, votes and closing an agenda item.

Every write locks the agenda item's row first and judges the vote's window
(``window.shut``: open item, proposal still waiting for this body, meeting
started, attendance recorded) under the lock, so a vote either lands before the
close (and is in its tally) or is refused after it; votes and the close are
serialised per item. A decision recorded by another path (a workflow move with a
resolution, the committee's acknowledgement) closes the item with it
(``decided_item_close``, called by the workflow's listener in ``plugins``).
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from applications.models import ProgrammeSettings, Proposal
from applications.workflow import TransitionError, action_for, transition
from core.errors import DomainError

from ..enums import ResolutionKind, VoteChoice
from ..models import AgendaItem, ConflictDeclaration, Resolution, Vote
from ..sitting import presence, secret
from . import selectors, window
from .permissions import can_close


class VotingError(DomainError):
    """A refused conflict, vote or close. ``code``: closed, decided, not_started, no_attendance,
    not_member, conflicted, absent, duplicate, invalid, forbidden, no_quorum, no_outcome, transition."""

    # A vote refused by the item's state is a conflict (409), whatever the code; only a
    # wrong input (400) and a non-member (403) are not: the API has always answered so.
    statuses = {"invalid": 400, "not_member": 403}
    default_status = 409


def _lock(item, act) -> AgendaItem:
    locked = AgendaItem.objects.select_for_update().get(pk=item.pk)
    # Keep the caller's related objects (meeting, body, proposal) without re-reading them.
    item.closed_at, item.closed_by_id, item.resolution_id = locked.closed_at, locked.closed_by_id, locked.resolution_id
    # The chair may have changed the ballot or opened the vote since the page loaded.
    item.ballot, item.voting_opened_at = locked.ballot, locked.voting_opened_at
    # The proposal's state as it is now, not as the page loaded it: a move made meanwhile ends the vote.
    status = Proposal.objects.filter(pk=item.proposal_id).values_list("status", flat=True).get()
    refusal = window.shut(item, act, status=status)
    if refusal is not None:
        raise VotingError(refusal.message, code=refusal.code)
    return item


def _membership(item, member):
    membership = selectors.membership_of(member, item)
    if membership is None:
        raise VotingError(_("Only the members of this body on the meeting date take part."), code="not_member")
    return membership


def conflict_declare(*, item, member, reason) -> ConflictDeclaration:
    """Record ``member``'s conflict of interest on ``item``: no dossier, no vote, not in the quorum."""
    reason = (reason or "").strip()
    if not reason:
        raise VotingError(_("Say what the conflict of interest is."), code="invalid", field="reason")
    with transaction.atomic():
        _lock(item, window.DECLARE)
        _membership(item, member)
        if Vote.objects.filter(agenda_item=item, member=member).exists():
            raise VotingError(
                _("You have already voted on this item: a conflict must be declared before voting."),
                code="voted",
            )
        try:
            with transaction.atomic():
                return ConflictDeclaration.objects.create(agenda_item=item, member=member, reason=reason)
        except IntegrityError:
            raise VotingError(
                _("You have already declared a conflict of interest on this item."), code="duplicate"
            ) from None


def vote_cast(*, item, member, choice, reason=""):
    """Record ``member``'s one vote on ``item``; a second one changes nothing.

    An open ballot returns the :class:`Vote`; a secret one the ``SecretParticipation`` (who voted),
    the choice going into a ballot apart (``sitting.secret``), with no reason (a reason would
    tell who cast it).
    """
    try:
        choice = VoteChoice(choice)
    except ValueError:
        raise VotingError(_("Choose one of the choices on the ballot."), code="invalid", field="choice") from None
    reason = (reason or "").strip()
    if choice in selectors.NEEDS_REASON and not reason and not item.is_secret:
        raise VotingError(
            _("Give the reasons for a vote of “%(choice)s”: they go into the minutes.") % {"choice": choice.label},
            code="invalid",
            field="reason",
        )
    with transaction.atomic():
        _lock(item, window.VOTE)
        _membership(item, member)
        if ConflictDeclaration.objects.filter(agenda_item=item, member=member).exists():
            raise VotingError(
                _("You have declared a conflict of interest on this item and do not vote on it."), code="conflicted"
            )
        if not presence.is_present(item.meeting, member):
            if presence.is_sitting(item.meeting):
                message = _("Only members who have joined the meeting, confirming who they are, vote. "
                            "Join the meeting first (or again, if you left).")
            else:
                message = _("Only members recorded as present at the meeting vote. Ask the secretary to record you.")
            raise VotingError(message, code="absent")
        if item.is_secret:
            try:
                return secret.ballot_cast(item=item, member=member, choice=choice)
            except secret.AlreadyVoted:
                raise VotingError(
                    _("You have already voted in this secret ballot; nothing was changed."), code="duplicate"
                ) from None
        try:
            with transaction.atomic():
                return Vote.objects.create(agenda_item=item, member=member, choice=choice, reason=reason)
        except IntegrityError:
            raise VotingError(
                _("You have already voted on this item; your first vote stands and nothing was changed."),
                code="duplicate",
            ) from None


def resolution_text(tally, requested_changes="") -> str:
    """The resolution as recorded: the count, how it was decided, the requested changes. In Thai."""
    with translation.override("th"):
        counts = ", ".join(f"{label} {n}" for _value, label, n in tally.rows())
        parts = [
            (_("Secret ballot: %(counts)s") if tally.secret else _("Votes: %(counts)s")) % {"counts": counts},
            _("Present: %(present)s of %(eligible)s eligible members (quorum %(needed)s)")
            % {"present": tally.present_eligible, "eligible": tally.eligible, "needed": tally.quorum_needed},
        ]
        if tally.conflicts:
            parts.append(
                _("Conflicts of interest declared: %(names)s")
                % {"names": ", ".join(str(c.member.get_full_name() or c.member) for c in tally.conflicts)}
            )
        if tally.decided_by_chair:
            parts.append(_("The votes were tied; the chair's vote decided"))
            if tally.secret:
                parts.append(_("The chair's deciding vote: %(choice)s") % {"choice": VoteChoice(tally.casting).label})
        if requested_changes:
            parts.append(_("Requested changes: %(changes)s") % {"changes": requested_changes})
        return "\n".join(parts)


def item_close(*, item, by, deadline=None, requested_changes="", text="", casting_vote=None) -> Resolution:
    """Close ``item`` on its vote: record the resolution and move the proposal, all or nothing.

    ``text`` is the chair's wording of the resolution and ``requested_changes`` its conditions; at a
    meeting the secretary opened, the chair writes the text (the counts are added to it). The quorum
    is counted at this moment (who has joined and not left). ``casting_vote``: the chair's deciding
    vote on a tied secret ballot (the chair's own ballot there is secret, so it cannot decide).
    """
    requested_changes = (requested_changes or "").strip()
    text = (text or "").strip()
    with transaction.atomic():
        # The proposal first, as every workflow move locks it before the listener closes the item:
        # one order of locks, so a close and a move of the same proposal never deadlock.
        Proposal.objects.select_for_update().filter(pk=item.proposal_id).first()
        _lock(item, window.CLOSE)
        if not can_close(by, selectors.membership_of(by, item)):
            raise VotingError(_("Only the chair of the body closes an agenda item."), code="forbidden")
        if presence.is_sitting(item.meeting) and not text:
            raise VotingError(_("Write the text of the resolution: it goes into the minutes."), code="invalid",
                              field="text")
        tally = selectors.tally(item)
        if casting_vote and item.is_secret:
            tally.casting = casting_vote
        if tally.problem:
            raise VotingError(tally.problem, code="no_quorum" if not tally.has_quorum else "no_outcome")
        kind = tally.outcome
        if kind == ResolutionKind.IN_PRINCIPLE:
            if not requested_changes:
                raise VotingError(
                    _("Write the changes the city must make: the resolution is approval in principle."),
                    code="invalid",
                    field="requested_changes",
                )
            if deadline is None:
                days = ProgrammeSettings.load().revision_days
                deadline = timezone.localdate() + datetime.timedelta(days=days)
        else:
            deadline = None
        now = timezone.now()
        resolution = Resolution.objects.create(
            meeting_id=item.meeting_id,
            proposal_id=item.proposal_id,
            kind=kind,
            text="\n\n".join(part for part in (text, resolution_text(tally, requested_changes)) if part),
            conditions=requested_changes,
            recorded_by=by,
        )
        item.closed_at, item.closed_by, item.resolution = now, by, resolution
        item.save(update_fields=["closed_at", "closed_by", "resolution"])
        try:
            transition(
                item.proposal, action_for(kind), by=by, note=requested_changes, deadline=deadline,
                resolution=resolution,
            )
        except TransitionError as exc:
            # The whole close rolls back: the item is open again, in memory as in the database.
            item.closed_at, item.closed_by, item.resolution = None, None, None
            raise VotingError(exc.message, code="transition", field=exc.field) from exc
    return resolution


def decided_item_close(*, resolution, by, at) -> AgendaItem | None:
    """Close the open agenda item that ``resolution`` decided (its proposal at its meeting).

    Called inside the workflow move that records the decision: the item closes with the
    move or not at all, and no vote lands on it afterwards. An item already closed (by the
    chair on its vote, or by the committee page) is left as it is; so is a proposal the
    meeting decided without putting it on its agenda.
    """
    if AgendaItem.objects.filter(resolution=resolution).exists():
        return None
    item = (
        AgendaItem.objects.select_for_update()
        .filter(meeting_id=resolution.meeting_id, proposal_id=resolution.proposal_id,
                closed_at__isnull=True, resolution__isnull=True)
        .first()
    )
    if item is None:
        return None
    # A vote that took the item's lock first landed before the close, even if cast a moment after the
    # move was stamped: the item closes no earlier than the last vote it took.
    last_vote = Vote.objects.filter(agenda_item=item).aggregate(last=Max("cast_at"))["last"]
    item.closed_at, item.closed_by, item.resolution = max(at, last_vote or at), by, resolution
    item.save(update_fields=["closed_at", "closed_by", "resolution"])
    return item
