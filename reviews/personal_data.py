"""What reviews holds about a person (core/personal_data.py): seats on the bodies, attendance, votes,
conflict declarations, evaluations, and the acts of the Office and the secretaries; and the duties
that keep a person from being erased while a meeting or an evaluation is still open.

All of it is the committees' record: an erasure keeps every row (the minutes keep the role and the
act), and the person's name goes with their anonymised account row (accounts). Votes are all cast
by roll call, never by secret ballot, so a person's own votes are theirs to read.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.personal_data import Source, duty_register, iso, source_register

from .models import (
    AgendaItem,
    Attendance,
    BodyMembership,
    ConflictDeclaration,
    EvaluatorAssignment,
    Meeting,
    Resolution,
    Vote,
)
from .record_models import Correction, ScoreReopening, ScoreSubmission
from .sitting_models import AttendanceEvent, MeetingOpening, MinutesCertification, SecretParticipation


def _item(item) -> dict:
    return {"meeting": item.meeting.label, "body": item.meeting.body.kind, "proposal": item.proposal_id,
            "proposal_name": item.proposal.name_th}


ITEM = ("agenda_item__meeting__body", "agenda_item__proposal")


def seats_export(user) -> list:
    rows = BodyMembership.objects.filter(user=user).select_related("body").order_by("term_start", "pk")
    return [{"body": m.body.kind, "role": m.role, "affiliation": m.affiliation, "term_start": iso(m.term_start),
             "term_end": iso(m.term_end)} for m in rows]


def meetings_export(user) -> dict:
    attendance = Attendance.objects.filter(member=user).select_related("meeting__body").order_by("meeting__held_at")
    votes = Vote.objects.filter(member=user).select_related(*ITEM).order_by("cast_at", "pk")
    conflicts = ConflictDeclaration.objects.filter(member=user).select_related(*ITEM).order_by("declared_at", "pk")
    return {
        "attendance": [{"meeting": a.meeting.label, "body": a.meeting.body.kind, "present": a.present}
                       for a in attendance],
        "votes": [{**_item(v.agenda_item), "choice": v.choice, "reason": v.reason, "cast": iso(v.cast_at)}
                  for v in votes],
        "conflict_declarations": [{**_item(c.agenda_item), "reason": c.reason, "declared": iso(c.declared_at)}
                                  for c in conflicts],
    }


def sittings_export(user) -> dict:
    """Meetings run on the portal: when the person joined and left, how they were identified, and
    the items they voted on by secret ballot (that they voted, never how: the ballot names nobody)."""
    events = AttendanceEvent.objects.filter(member=user).select_related("meeting__body").order_by("at", "pk")
    secret = SecretParticipation.objects.filter(member=user).select_related(*ITEM).order_by(
        "agenda_item__meeting__held_at", "agenda_item__order")
    return {
        "joined_and_left": [{"meeting": e.meeting.label, "body": e.meeting.body.kind, "event": e.kind,
                             "at": iso(e.at), "channel": e.channel, "identity_check": e.identity_check}
                            for e in events],
        "secret_ballots_cast": [{**_item(p.agenda_item), "voted": True} for p in secret],
    }


def evaluations_export(user) -> list:
    rows = EvaluatorAssignment.objects.filter(evaluator=user).select_related("dimension").order_by("pk")
    return [{"proposal": a.proposal_id, "dimension": a.dimension.code, "due": iso(a.due_on),
             "submitted": iso(a.submitted_at)} for a in rows]


def acts_export(user) -> dict:
    """What the person recorded for others (Office staff, secretaries, chairs): counted, as the rows
    are the others' record."""
    return {
        "meetings_created": Meeting.objects.filter(created_by=user).count(),
        "items_closed": AgendaItem.objects.filter(closed_by=user).count(),
        "resolutions_recorded": Resolution.objects.filter(recorded_by=user).count(),
        "attendance_recorded": Attendance.objects.filter(recorded_by=user).count(),
        "evaluators_assigned": EvaluatorAssignment.objects.filter(assigned_by=user).count(),
        "score_submissions": ScoreSubmission.objects.filter(by=user).count(),
        "score_reopenings": ScoreReopening.objects.filter(by=user).count(),
        "corrections_recorded": Correction.objects.filter(by=user).count(),
        "meetings_opened": MeetingOpening.objects.filter(opened_by=user).count(),
        "arrivals_and_departures_recorded": AttendanceEvent.objects.filter(recorded_by=user).count(),
        "minutes_certified": MinutesCertification.objects.filter(by=user).count(),
    }


def open_duties(user) -> list:
    """Why ``user`` cannot be erased now: a seat on a body whose meeting is still to come or still has
    an item open, or scores still owed. The minutes and the scores must be able to name the role."""
    today = timezone.localdate()
    reasons = []
    seats = BodyMembership.objects.filter(user=user, term_start__lte=today).filter(
        Q(term_end__isnull=True) | Q(term_end__gte=today))
    bodies = list(seats.values_list("body_id", flat=True))
    if bodies:
        open_item = Q(agenda__closed_at__isnull=True, agenda__resolution__isnull=True, agenda__isnull=False)
        meetings = (Meeting.objects.filter(body_id__in=bodies).filter(Q(held_at__gte=timezone.now()) | open_item)
                    .select_related("body").distinct().order_by("held_at"))
        for meeting in meetings:
            reasons.append(_("A seat on %(body)s, whose meeting no. %(label)s is still open.")
                           % {"body": meeting.body, "label": meeting.label})
    owed = EvaluatorAssignment.objects.filter(evaluator=user, submitted_at__isnull=True).count()
    if owed:
        reasons.append(_("Scores still owed on %(count)d evaluator assignment(s).") % {"count": owed})
    return reasons


def register() -> None:
    # Kept as the record (no erase): the rows name the anonymised person afterwards.
    source_register(Source("reviews.seats", gettext_lazy("Seats on the bodies"), seats_export,
                           models=("reviews.BodyMembership",)))
    source_register(Source(
        "reviews.meetings", gettext_lazy("Attendance, votes and conflict declarations"), meetings_export,
        models=("reviews.Attendance", "reviews.Vote", "reviews.ConflictDeclaration"),
    ))
    source_register(Source(
        "reviews.sittings", gettext_lazy("Meetings run on the portal: joining, leaving, secret ballots cast"),
        sittings_export, models=("reviews.AttendanceEvent", "reviews.SecretParticipation"),
    ))
    source_register(Source("reviews.evaluations", gettext_lazy("Evaluator assignments"), evaluations_export,
                           models=("reviews.EvaluatorAssignment",)))
    source_register(Source(
        "reviews.acts", gettext_lazy("What you recorded for the committees"), acts_export,
        models=("reviews.Meeting", "reviews.AgendaItem", "reviews.Resolution", "reviews.ScoreSubmission",
                "reviews.ScoreReopening", "reviews.Correction", "reviews.MeetingOpening",
                "reviews.MinutesCertification"),
    ))
    duty_register(predicate=open_duties)
