"""Reads for conflicts, votes and quorum on one agenda item.

Administrative Procedure Act B.E. 2539 defaults, configurable per body:
quorum is at least ``Body.quorum_fraction`` of all eligible members present
(s.79); the resolution is the simple majority of votes cast, the chair's
vote decides a tie; abstentions are not votes cast.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership
from accounts.permissions import is_office_staff, is_signed_in

from ..enums import MemberRole, ResolutionKind, VoteChoice
from ..models import AgendaItem, BodyMembership, ConflictDeclaration, SecretParticipation, Vote
from ..sitting import presence, secret
from .window import CLOSE, VOTE, shut

# The choices a majority is counted over; abstaining is not a vote cast.
CAST = (VoteChoice.APPROVE, VoteChoice.IN_PRINCIPLE, VoteChoice.NOT_APPROVE)
# A vote against approving outright needs its reasons in the minutes (s.83).
NEEDS_REASON = frozenset({VoteChoice.IN_PRINCIPLE, VoteChoice.NOT_APPROVE})
RESOLUTION_OF = {
    VoteChoice.APPROVE: ResolutionKind.APPROVE,
    VoteChoice.IN_PRINCIPLE: ResolutionKind.IN_PRINCIPLE,
    VoteChoice.NOT_APPROVE: ResolutionKind.NOT_APPROVE,
}


def meeting_date(item):
    return timezone.localdate(item.meeting.held_at)


def item_memberships(item) -> list:
    """The body's members whose term covers the meeting date (one query)."""
    on = meeting_date(item)
    return list(
        BodyMembership.objects.filter(body_id=item.meeting.body_id, term_start__lte=on)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=on))
        .select_related("user")
        .order_by("role", "user__last_name", "user_id")
    )


def membership_of(user, item):
    """The user's membership of the item's body on the meeting date, or ``None``."""
    if not is_signed_in(user):
        return None
    on = meeting_date(item)
    return (
        BodyMembership.objects.filter(body_id=item.meeting.body_id, user=user, term_start__lte=on)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=on))
        .order_by("role")  # chair before member, should one person hold two seats
        .first()
    )


def get_item(user, pk):
    """An agenda item the user may work on (the Office, or a member of its body); else 404."""
    try:
        item = AgendaItem.objects.select_related("meeting__body", "proposal", "resolution").get(pk=pk)
    except AgendaItem.DoesNotExist:
        raise Http404 from None
    if is_office_staff(user) or membership_of(user, item) is not None:
        return item
    raise Http404


@dataclass
class Tally:
    """Everything the minutes and the close need to know about one item's vote."""

    members: list  # BodyMembership rows on the meeting date
    conflicts: list  # ConflictDeclaration rows of those members
    present_ids: set
    votes: list  # Vote rows, in the order cast
    quorum_fraction: Decimal
    chair: object = None  # the chair's user, if the body has one on the meeting date
    counts: dict = field(default_factory=dict)
    # A secret ballot: the counts come from the ballots, ``votes`` is empty and nobody's choice is
    # known; ``participants`` are who voted; a tie is decided by the chair's ``casting`` vote at the close.
    secret_counts: dict | None = None
    participants: list = field(default_factory=list)
    casting: str | None = None

    def __post_init__(self):
        if self.secret_counts is not None:
            self.counts = dict(self.secret_counts)
            return
        counted = Counter(v.choice for v in self.votes)
        self.counts = {c.value: counted.get(c.value, 0) for c in VoteChoice}

    @property
    def secret(self) -> bool:
        return self.secret_counts is not None

    # --- who counts -------------------------------------------------------------
    @property
    def conflicted_ids(self) -> set:
        return {c.member_id for c in self.conflicts}

    @property
    def conflicted(self) -> list:
        return [c.member for c in self.conflicts]

    @property
    def eligible(self) -> int:
        return len({m.user_id for m in self.members} - self.conflicted_ids)

    @property
    def present_eligible(self) -> int:
        ids = {m.user_id for m in self.members} - self.conflicted_ids
        return len(ids & self.present_ids)

    @property
    def quorum_needed(self) -> int:
        """The smallest number present that makes a quorum."""
        needed = self.quorum_fraction * self.eligible
        whole = int(needed)
        return max(1, whole if whole == needed else whole + 1)

    @property
    def has_quorum(self) -> bool:
        # Exact Decimal arithmetic: exactly half present is a quorum at 0.50.
        return self.eligible > 0 and Decimal(self.present_eligible) >= self.quorum_fraction * self.eligible

    # --- what was decided --------------------------------------------------------
    @property
    def cast(self) -> int:
        return sum(self.counts[c.value] for c in CAST)

    @property
    def chair_choice(self):
        if self.secret:
            return self.casting
        if self.chair is None:
            return None
        return next((v.choice for v in self.votes if v.member_id == self.chair.pk), None)

    @property
    def tied(self) -> list:
        """The choices sharing the most votes, when more than one does."""
        if not self.cast:
            return []
        top = max(self.counts[c.value] for c in CAST)
        leaders = [c.value for c in CAST if self.counts[c.value] == top]
        return leaders if len(leaders) > 1 else []

    @property
    def decided_by_chair(self) -> bool:
        return bool(self.tied) and self.chair_choice in self.tied

    @property
    def outcome(self):
        """The ResolutionKind the votes decide, or ``None``."""
        if not self.cast:
            return None
        if self.tied:
            return RESOLUTION_OF[VoteChoice(self.chair_choice)] if self.decided_by_chair else None
        top = max(CAST, key=lambda c: self.counts[c.value])
        return RESOLUTION_OF[top]

    @property
    def problem(self) -> str:
        """Why the item cannot be closed on these votes, or ``""``."""
        if self.eligible == 0:
            return _("No quorum: every member has declared a conflict of interest on this item.")
        if not self.has_quorum:
            return _(
                "No quorum: %(present)s of %(eligible)s eligible members are present; at least %(needed)s must be."
            ) % {"present": self.present_eligible, "eligible": self.eligible, "needed": self.quorum_needed}
        if not self.cast:
            return _("No votes have been cast yet (abstentions do not count).")
        if self.outcome is None and self.secret:
            return _(
                "The secret ballot is tied: the chair gives the deciding vote, openly, when closing the item."
            )
        if self.outcome is None:
            return _(
                "The votes are tied and the chair has not voted for one of the tied choices: "
                "the chair's vote decides a tie."
            )
        return ""

    @property
    def dissents(self) -> list:
        """Votes cast against the outcome (or, before one, every reasoned dissent), for the minutes.
        None in a secret ballot: nobody's vote is known."""
        if self.secret:
            return []
        outcome = self.outcome
        if outcome is None:
            return [v for v in self.votes if v.choice in NEEDS_REASON]
        return [v for v in self.votes if v.choice in CAST and v.choice != outcome]

    def rows(self) -> list:
        """``(choice value, label, count)`` for every choice, in the order of the ballot."""
        return [(c.value, c.label, self.counts[c.value]) for c in VoteChoice]


def tally(item) -> Tally:
    """The vote on ``item`` as it stands: four queries whatever the number of members (five for a secret
    ballot). Who is present: at the close for a closed item, else now (``sitting.presence``)."""
    members = item_memberships(item)
    ids = [m.user_id for m in members]
    conflicts = list(
        ConflictDeclaration.objects.filter(agenda_item=item, member_id__in=ids)
        .select_related("member")
        .order_by("declared_at", "id")
    )
    present = presence.present_ids(item.meeting, at=item.closed_at) & set(ids)
    chair = next((m.user for m in members if m.role == MemberRole.CHAIR), None)
    if item.is_secret:
        participants = list(SecretParticipation.objects.filter(agenda_item=item).select_related("member"))
        return Tally(
            members=members, conflicts=conflicts, present_ids=present, votes=[],
            quorum_fraction=item.meeting.body.quorum_fraction, chair=chair,
            secret_counts=secret.counts(item), participants=[p.member for p in participants],
        )
    votes = list(Vote.objects.filter(agenda_item=item).select_related("member").order_by("cast_at", "id"))
    return Tally(
        members=members,
        conflicts=conflicts,
        present_ids=present,
        votes=votes,
        quorum_fraction=item.meeting.body.quorum_fraction,
        chair=chair,
    )


@dataclass
class Flag:
    member: object
    from_organisation: bool = False
    from_province: bool = False


def likely_conflicts(item, members=None) -> list:
    """Members who probably have an interest in the proposal: they work for the
    proposing organisation, or for an organisation in one of its provinces."""
    members = item_memberships(item) if members is None else members
    users = {m.user_id: m.user for m in members}
    proposal = item.proposal
    rows = (
        Membership.objects.filter(user_id__in=list(users))
        .filter(
            Q(organisation_id=proposal.organisation_id)
            | Q(organisation__province__in=proposal.provinces.values("pk"))
        )
        .values_list("user_id", "organisation_id")
    )
    flags = {}
    for user_id, organisation_id in rows:
        flag = flags.setdefault(user_id, Flag(member=users[user_id]))
        if organisation_id == proposal.organisation_id:
            flag.from_organisation = True
        else:
            flag.from_province = True
    return [flags[uid] for uid in users if uid in flags]


@dataclass
class Panel:
    """What the agenda-item page shows one person about the vote."""

    item: AgendaItem
    tally: Tally
    membership: object = None
    is_staff: bool = False
    vote: object = None
    conflict: object = None
    flag: object = None
    # Why the item takes no vote now (window.Shut), if so: the ballot is not offered and the page says why.
    shut: object = None
    shut_close: object = None
    # The meeting was opened by the secretary: members join, the chair opens each item's vote.
    sitting: bool = False

    @property
    def secret(self) -> bool:
        return self.tally.secret

    @property
    def may_open_vote(self) -> bool:
        return (self.sitting and not self.closed and (self.is_chair or self.is_staff)
                and self.item.voting_opened_at is None)

    @property
    def may_choose_ballot(self) -> bool:
        """The chair picks open or secret while nobody has voted (then it stays as it is)."""
        return (not self.closed and (self.is_chair or self.is_staff)
                and not self.tally.votes and not self.tally.participants)

    @property
    def closed(self) -> bool:
        return self.item.closed_at is not None

    @property
    def is_chair(self) -> bool:
        return self.membership is not None and self.membership.role == MemberRole.CHAIR

    @property
    def is_secretary(self) -> bool:
        return self.membership is not None and self.membership.role == MemberRole.SECRETARY

    @property
    def present(self) -> bool:
        return self.membership is not None and self.membership.user_id in self.tally.present_ids

    @property
    def may_vote(self) -> bool:
        return (
            self.membership is not None and not self.closed and self.conflict is None
            and self.vote is None and self.present and self.shut is None
        )

    @property
    def may_declare(self) -> bool:
        return (
            self.membership is not None and not self.closed and self.conflict is None and self.vote is None
            and (self.shut is None or self.shut.code in ("not_started", "no_attendance"))
        )

    @property
    def sees_tally(self) -> bool:
        return self.is_staff or self.is_chair or self.is_secretary or self.closed

    @property
    def may_close(self) -> bool:
        return not self.closed and (self.is_chair or self.is_staff) and self.shut_close is None

    @property
    def ballot(self) -> list:
        return [(c.value, c.label) for c in VoteChoice]


def panel(item, user) -> Panel:
    t = tally(item)
    membership = next((m for m in t.members if m.user_id == user.pk), None) if is_signed_in(user) else None
    result = Panel(item=item, tally=t, membership=membership, is_staff=is_office_staff(user))
    recorded = bool(t.present_ids) or presence.attendance_recorded(item.meeting)
    result.shut = shut(item, VOTE, attendance=recorded)
    result.shut_close = shut(item, CLOSE, attendance=recorded)
    result.sitting = presence.is_sitting(item.meeting)
    if membership is not None:
        if t.secret:
            # Only that the member took part: the panel says "you voted", never what.
            result.vote = next((p for p in t.participants if p.pk == user.pk), None)
        else:
            result.vote = next((v for v in t.votes if v.member_id == user.pk), None)
        result.conflict = next((c for c in t.conflicts if c.member_id == user.pk), None)
        if result.conflict is None:
            result.flag = next((f for f in likely_conflicts(item, t.members) if f.member.pk == user.pk), None)
    return result
