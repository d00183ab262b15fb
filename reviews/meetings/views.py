from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import is_office_staff
from applications.permissions import dossier_visible, dossier_withheld
from core.paging import page_of

from ..corrections.selectors import item_corrections, meeting_corrections
from ..enums import MemberRole
from ..notify import publications
from ..sitting.selectors import sitting
from . import selectors, services
from .forms import AttendanceForm
from .permissions import can_record_attendance
from .signals import remember_seats
from .texts import ALREADY_TOLD, PUBLISH_TEXT

MEETINGS_PER_PAGE = 25


@login_required
def my_meetings(request):
    remember_seats(request, request.user)
    upcoming, past = selectors.my_meetings(request.user)
    # Both lists paged (issue 16): ?upcoming= and ?page= (the past, which grows every month).
    upcoming_page = page_of(request, upcoming, MEETINGS_PER_PAGE, param="upcoming")
    page = page_of(request, past, MEETINGS_PER_PAGE)
    upcoming, past = list(upcoming_page.object_list), list(page.object_list)
    for m in (*upcoming, *past):
        m.my_role_label = MemberRole(m.my_role).label if m.my_role else _("Smart City Office")
    return render(request, "reviews/meetings/my_meetings.html", {
        "upcoming": upcoming, "past": past, "is_staff": is_office_staff(request.user),
        "upcoming_page": upcoming_page, "page": page,
    })


@login_required
def meeting_detail(request, pk):
    meeting = selectors.get_meeting(request.user, pk)
    seats = list(selectors.roll_call(meeting))
    running = sitting(meeting, request.user)
    if running.opening is not None:
        # A meeting run on the portal: the roll call is who is in the meeting now (arrivals and departures).
        for seat in seats:
            seat.present = seat.user_id in running.present
    recorded = any(s.present is not None for s in seats)
    can_record = can_record_attendance(request.user, meeting)
    published = publications(meeting, [s.user_id for s in seats]) if can_record else {}
    agenda = list(selectors.agenda_of(meeting))
    closed = any(item.is_closed for item in agenda)
    return render(request, "reviews/meetings/meeting_detail.html", {
        "meeting": meeting,
        "agenda": agenda,
        "closed": closed,
        "sitting": running,
        "can_correct": closed and is_office_staff(request.user),
        "corrections": meeting_corrections(meeting) if closed else [],
        "seats": seats,
        "recorded": recorded,
        "present_count": sum(1 for s in seats if s.present),
        "can_record": can_record,
        "publications": [
            {"what": what, "label": PUBLISH_TEXT[what]["button"], "at": published.get(what)}
            for what in services.PUBLICATIONS
        ] if can_record else [],
    })


@login_required
def attendance(request, pk):
    meeting = selectors.get_meeting(request.user, pk)
    if not can_record_attendance(request.user, meeting):
        raise PermissionDenied
    seats = list(selectors.roll_call(meeting))
    initial = {"present": [str(s.user_id) for s in seats if s.present]}
    form = AttendanceForm(request.POST if request.method == "POST" else None, seats=seats, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.attendance_record(
                meeting=meeting, present_ids=form.cleaned_data["present"], by=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("meeting-detail", pk=meeting.pk)
        except services.AttendanceClosed as exc:
            messages.error(request, exc.message)
            return redirect("meeting-detail", pk=meeting.pk)
        messages.success(request, _("Attendance recorded: %(present)d of %(total)d members present.") % {
            "present": count, "total": len(seats),
        })
        return redirect("meeting-detail", pk=meeting.pk)
    # Before the start there is no one to record: the page says when, instead of a form it would refuse.
    not_started = services.attendance_start_problem(meeting) if meeting.held_at > timezone.now() else ""
    return render(request, "reviews/meetings/attendance.html", {
        "meeting": meeting, "form": form, "seats": seats, "not_started": not_started,
    })


@login_required
def agenda_item(request, pk):
    item = selectors.get_agenda_item(request.user, pk)
    # The dossier rule (applications.permissions): a conflict declared on this item, or on any
    # other item of the same proposal, withholds the dossier (and the reasons of the votes).
    dossier = dossier_visible(request.user, item.proposal)
    conflicted = bool(getattr(item, "conflicted", False)) or dossier_withheld(request.user, item.proposal)
    staff = is_office_staff(request.user)
    return render(request, "reviews/meetings/agenda_item.html", {
        "item": item,
        "corrections": item_corrections(item) if item.is_closed else [],
        "can_correct": staff and item.is_closed,
        "conflicts": list(item.conflicts.select_related("member")) if staff and item.is_closed else [],
        "meeting": item.meeting,
        "proposal": item.proposal,
        "conflicted": conflicted,
        "dossier": dossier,
        "version": selectors.latest_version(item.proposal) if dossier else None,
    })


@login_required
def publish(request, pk, what):
    """The secretary (or the Office) publishes the agenda, opens voting or publishes the minutes.

    GET asks for confirmation (what is sent cannot be taken back); POST does it.
    Each member is told once, however often it is posted.
    """
    if what not in services.PUBLICATIONS:
        raise Http404
    meeting = selectors.get_meeting(request.user, pk)
    if not can_record_attendance(request.user, meeting):
        raise PermissionDenied
    text = PUBLISH_TEXT[what]
    if request.method == "POST":
        try:
            rows = services.publish(meeting=meeting, what=what)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if rows:
                messages.success(request, text["done"] % {"n": len(rows)})
            else:
                messages.info(request, ALREADY_TOLD)
        return redirect("meeting-detail", pk=meeting.pk)
    seats = list(selectors.roll_call(meeting))
    published = publications(meeting, [s.user_id for s in seats]).get(what)
    return render(request, "reviews/meetings/publish.html", {
        "meeting": meeting, "what": what, "text": text, "seats": seats, "published": published,
    })
