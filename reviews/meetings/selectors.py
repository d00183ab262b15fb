"""Reads of meetings and their agendas, always already scoped to the person asking."""

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Prefetch, Q, Subquery, Value, When
from django.http import Http404
from django.utils import timezone

from accounts.permissions import is_office_staff, is_signed_in
from applications.models import DimensionPlan

from ..enums import MemberRole
from ..models import AgendaItem, Attendance, BodyMembership, ConflictDeclaration, Meeting
from ..selectors import current_memberships

ROLE_ORDER = Case(
    When(role=MemberRole.CHAIR, then=Value(0)),
    When(role=MemberRole.SECRETARY, then=Value(2)),
    default=Value(1),
    output_field=IntegerField(),
)


def meeting_date(meeting):
    return timezone.localtime(meeting.held_at).date()


def members_on(body, on):
    """The body's seats held on ``on``: the chair first, the secretary last, as in minutes."""
    return (
        BodyMembership.objects.filter(body=body, term_start__lte=on)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=on))
        .select_related("user")
        .order_by(ROLE_ORDER, "user__first_name", "user__last_name", "pk")
    )


def meetings_visible_to(user):
    qs = Meeting.objects.all()
    if is_office_staff(user):
        return qs
    if not is_signed_in(user):
        return qs.none()
    return qs.filter(body_id__in=current_memberships(user, timezone.localdate()).values("body_id"))


def my_meetings(user):
    """(upcoming soonest first, past latest first), each row with ``my_role`` and ``item_count``."""
    today = timezone.localdate()
    role = current_memberships(user, today).filter(body_id=OuterRef("body_id")).values("role")[:1]
    qs = (
        meetings_visible_to(user)
        .select_related("body")
        .annotate(my_role=Subquery(role), item_count=Count("agenda", distinct=True))
    )
    now = timezone.now()
    return qs.filter(held_at__gte=now).order_by("held_at", "pk"), qs.filter(held_at__lt=now).order_by("-held_at", "-pk")


def get_meeting(user, pk) -> Meeting:
    """A stranger gets 404, never 403: we do not confirm the meeting exists."""
    try:
        return meetings_visible_to(user).select_related("body", "created_by").get(pk=pk)
    except (Meeting.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def agenda_of(meeting):
    return (
        meeting.agenda.select_related("proposal__organisation", "resolution")
        .prefetch_related("resolution__corrections")
        .annotate(vote_count=Count("votes", distinct=True))
        .order_by("order", "pk")
    )


def roll_call(meeting):
    """The members on the meeting's date, each with ``present`` (True, False or None: not recorded)."""
    rows = Attendance.objects.filter(meeting=meeting, member_id=OuterRef("user_id"))
    return members_on(meeting.body, meeting_date(meeting)).annotate(
        present=Subquery(rows.values("present")[:1]), attendance_id=Subquery(rows.values("pk")[:1])
    )


def get_agenda_item(user, pk) -> AgendaItem:
    qs = AgendaItem.objects.filter(meeting__in=meetings_visible_to(user))
    if is_signed_in(user):
        qs = qs.annotate(
            conflicted=Exists(ConflictDeclaration.objects.filter(agenda_item=OuterRef("pk"), member=user))
        )
    try:
        return qs.select_related("meeting__body", "proposal__organisation__province", "resolution").prefetch_related(
            "proposal__provinces",
            Prefetch("proposal__plans", queryset=_plans()),
        ).get(pk=pk)
    except (AgendaItem.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def _plans():
    return DimensionPlan.objects.select_related("dimension")


def latest_version(proposal):
    return proposal.versions.order_by("-number").first()
