"""Reads for the documents and the committee pages, scoped to the person asking.

Strangers get 404, never 403: a meeting or a certificate they may not read
does not exist for them.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.utils import timezone

from accounts.permissions import is_office_staff, is_signed_in
from applications.enums import State
from applications.models import DimensionPlan, Proposal
from applications.selectors import proposals_actionable_by

from ..enums import BodyKind, MemberRole, ResolutionKind, VoteChoice
from ..models import (
    AgendaItem,
    Attendance,
    BodyMembership,
    ConflictDeclaration,
    Meeting,
    MinutesCertification,
    Resolution,
    Vote,
)
from ..selectors import current_memberships
from ..sitting import presence, secret

# A certificate stays a public record after certification, whatever became of it.
CERTIFICATE_STATES = (State.CERTIFIED, State.RENEWAL, State.EXPIRED, State.REVOKED)
ROLE_ORDER = {MemberRole.CHAIR: 0, MemberRole.SECRETARY: 2, MemberRole.MEMBER: 1}


def meetings_readable_by(user):
    """Staff read every meeting; a member reads the meetings of the bodies they sit on today."""
    qs = Meeting.objects.select_related("body")
    if is_office_staff(user):
        return qs
    if not is_signed_in(user):
        return qs.none()
    bodies = current_memberships(user, timezone.localdate()).values("body_id")
    return qs.filter(body_id__in=bodies)


def get_readable_meeting(user, pk) -> Meeting:
    try:
        return meetings_readable_by(user).get(pk=pk)
    except (Meeting.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_certified_proposal(pk) -> Proposal:
    """Anyone may download the certificate of a certified city: it is the public record."""
    qs = (
        Proposal.objects.filter(status__in=CERTIFICATE_STATES, certificate_number__isnull=False)
        .select_related("organisation__province")
        .prefetch_related("provinces", Prefetch("plans", queryset=DimensionPlan.objects.select_related("dimension")))
    )
    try:
        return qs.get(pk=pk)
    except (Proposal.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# --- the minutes --------------------------------------------------------------------------


@dataclass
class Person:
    name: str
    role: str = ""
    affiliation: str = ""
    # At a meeting run on the portal: each arrival (time, where, identity check) and departure.
    times: str = ""


@dataclass
class ItemRecord:
    item: AgendaItem
    conflicts: list = field(default_factory=list)  # (Person, reason)
    # VoteChoice value -> number; None while the item is open and the reader may not see the running count.
    counts: dict | None = field(default_factory=dict)
    dissents: list = field(default_factory=list)  # (Person, choice value, reason)
    secret: bool = False
    participants: int = 0  # how many took part in a secret ballot

    @property
    def closed(self) -> bool:
        return self.item.closed_at is not None and self.item.resolution_id is not None


@dataclass
class MinutesRecord:
    meeting: Meeting
    present: list
    absent: list
    items: list
    electronic: bool = False
    certification: object = None

    @property
    def draft(self) -> bool:
        """Minutes with an item still open (or of a meeting not held yet) are a draft."""
        return self.meeting.held_at > timezone.now() or any(not r.closed for r in self.items)


def running_count_readable(user, meeting) -> bool:
    """Whether ``user`` sees the count of an item still open: the Office, the body's chair and secretary
    on the meeting's day (as on the item's page); every other member sees it once the chair closes it."""
    if is_office_staff(user):
        return True
    if not is_signed_in(user):
        return False
    day = timezone.localtime(meeting.held_at).date()
    return (
        BodyMembership.objects.filter(body_id=meeting.body_id, user=user, term_start__lte=day,
                                      role__in=(MemberRole.CHAIR, MemberRole.SECRETARY))
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=day))
        .exists()
    )


def _name(user) -> str:
    return user.get_full_name() or user.username


def _members_on(meeting) -> dict:
    """user id -> membership of the body on the day of the meeting."""
    day = timezone.localtime(meeting.held_at).date()
    rows = (
        BodyMembership.objects.filter(body_id=meeting.body_id, term_start__lte=day)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=day))
        .select_related("user")
    )
    return {m.user_id: m for m in rows}


def _person(user, memberships) -> Person:
    m = memberships.get(user.pk)
    if m is None:
        return Person(_name(user))
    return Person(_name(user), m.get_role_display(), m.affiliation)


def _by_role(people_with_ids, memberships):
    def key(pair):
        user_id, person = pair
        m = memberships.get(user_id)
        return (ROLE_ORDER.get(m.role, 3) if m else 4, person.name)

    return [p for _id, p in sorted(people_with_ids, key=key)]


def minutes_record(meeting, reader=None) -> MinutesRecord:
    """Everything the minutes print for ``reader``, in a fixed number of queries.

    Attendance: who was recorded present; every other member of the body on
    that day is listed absent. Dissents (s.83): votes cast against the
    resolution, other than abstentions, with their reasons. The count of an item
    still open is left out unless ``reader`` sees it (``running_count_readable``).
    """
    running = running_count_readable(reader, meeting)
    memberships = _members_on(meeting)
    if presence.is_sitting(meeting):
        present, absent = _sitting_attendance(meeting, memberships)
    else:
        attendance = {a.member_id: a for a in Attendance.objects.filter(meeting=meeting).select_related("member")}
        present = [(uid, _person(a.member, memberships)) for uid, a in attendance.items() if a.present]
        absent = [(uid, _person(a.member, memberships)) for uid, a in attendance.items() if not a.present]
        absent += [(uid, _person(m.user, memberships)) for uid, m in memberships.items() if uid not in attendance]

    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("proposal__organisation", "resolution")
        .prefetch_related(
            Prefetch("conflicts", queryset=ConflictDeclaration.objects.select_related("member").order_by("id")),
            Prefetch("votes", queryset=Vote.objects.select_related("member").order_by("id")),
        )
        .order_by("order", "id")
    )
    records = []
    for item in items:
        record = ItemRecord(item)
        record.conflicts = [(_person(c.member, memberships), c.reason) for c in item.conflicts.all()]
        votes = list(item.votes.all())
        tally = Counter(v.choice for v in votes)
        record.counts = {choice: tally.get(choice, 0) for choice in VoteChoice.values}
        if item.is_secret:
            # Only the counts and how many took part: nobody's choice is known.
            record.secret, record.counts = True, secret.counts(item)
            record.participants = len(secret.participants(item))
        if not record.closed and not running:
            record.counts = None
        if record.closed and not record.secret:
            decided = item.resolution.kind
            record.dissents = [
                (_person(v.member, memberships), v.choice, v.reason)
                for v in votes
                if v.choice not in (decided, VoteChoice.ABSTAIN)
            ]
        records.append(record)
    return MinutesRecord(
        meeting, _by_role(present, memberships), _by_role(absent, memberships), records,
        electronic=presence.is_electronic(meeting),
        certification=MinutesCertification.objects.filter(meeting=meeting).select_related("certified_at").first(),
    )


def _sitting_attendance(meeting, memberships):
    """(present, absent) of a meeting run on the portal: who joined (with their times), who never did."""
    present = []
    for stay in presence.stays(meeting):
        person = _person(stay.member, memberships)
        person.times = "; ".join(presence.event_words(e, late=stay.late and e is stay.first_joined)
                                 for e in stay.events)
        present.append((stay.member.pk, person))
    joined = {uid for uid, _p in present}
    absent = [(uid, _person(m.user, memberships)) for uid, m in memberships.items() if uid not in joined]
    return present, absent


def minutes_final_for(meeting, reader) -> bool:
    """Whether ``reader``'s copy of the minutes is the whole, final record (so the issued edition):
    held, every item closed, and no item's dossier withheld from them."""
    record = minutes_record(meeting, reader)
    if record.draft:
        return False
    ids = {r.item.proposal_id for r in record.items}
    return not ids or proposals_actionable_by(reader).filter(pk__in=ids).count() == len(ids)


# --- the committee's acknowledgement and the emblem handover ----------------------------------


def committee_meetings():
    return Meeting.objects.filter(body__kind=BodyKind.COMMITTEE).select_related("body").order_by("-held_at")


def awaiting_acknowledgement():
    """Approved proposals, each with ``approved_at``: when the subcommittee's approving meeting was held."""
    approval = Resolution.objects.filter(
        proposal=OuterRef("pk"), kind=ResolutionKind.APPROVE, meeting__body__kind=BodyKind.SUBCOMMITTEE
    ).order_by("-meeting__held_at", "-id").values("meeting__held_at")[:1]
    return proposals_in(State.APPROVED).annotate(approved_at=Subquery(approval))


def meetings_to_acknowledge_at(approvals):
    """The committee meetings that may acknowledge: held already, and after the earliest of ``approvals``
    (the approving meetings' dates of the proposals waiting), latest first."""
    qs = committee_meetings().filter(held_at__lte=timezone.now())
    dated = [a for a in approvals if a is not None]
    if dated:
        qs = qs.filter(held_at__gt=min(dated))
    return qs


def proposals_in(state):
    return (
        Proposal.objects.filter(status=state)
        .select_related("organisation__province")
        .order_by("status_changed_at", "id")
    )
