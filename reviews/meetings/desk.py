"""The meeting desk: the Office schedules, postpones and cancels meetings and builds their agendas.

Why staff pages reached from the admin, and not the admin itself: each step here is an act
with consequences (members are told, a number is given, a reason goes into the record),
and the admin's generic change form is built to edit rows: a date typed over is a
postponement nobody hears of, a delete button erases a meeting whose notice went out, an
inline row is an agenda item that skipped the rules. These pages offer only the acts the
services allow, each with the reason it needs and a word on who will be told, in Thai
first, with the portal's Thai date input and paged lists. The admin keeps the meetings'
list (read-only dates, no delete) and links here ("Meeting desk"), so the Office finds its
desk where the design card puts its back office.

Every page is the Office's only: anyone else gets a 404 (the selectors return nothing).
An officer who declared a conflict of interest on a proposal sees it listed but gets no
link to its dossier (applications.permissions.dossier_visible, as a subquery).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import is_office_staff
from applications.models import Proposal

from ..models import Body
from . import desk_selectors as selectors
from . import schedule, services
from .desk_forms import CancelForm, PostponeForm, ScheduleForm
from .selectors import meeting_date, members_on

PAGE_SIZE = 25


def _office_only(request):
    if not is_office_staff(request.user):
        raise Http404


@login_required
def desk(request):
    _office_only(request)
    body = request.GET.get("body") or None
    if body is not None and not body.isdigit():
        body = None
    page = Paginator(selectors.desk_meetings(request.user, body=body), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reviews/desk/desk.html", {
        "page": page, "bodies": Body.objects.order_by("kind"), "body": int(body) if body else None,
    })


@login_required
def meeting_schedule(request):
    _office_only(request)
    form = ScheduleForm(request.POST or None, initial={"body": request.GET.get("body")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_create(
                body=data["body"], held_at=data["held_at"], place=data["place"], by=request.user,
                notice_override_reason=data["notice_override_reason"],
            )
        except ValidationError as exc:
            form.add_error("notice_override_reason" if exc.code == "short_notice" else "held_at", exc.messages)
        else:
            messages.success(request, _("Meeting %(label)s scheduled: %(n)d members were sent the notice.") % {
                "label": meeting.label, "n": members_on(meeting.body, meeting_date(meeting)).count(),
            })
            return redirect("desk-meeting", pk=meeting.pk)
    return render(request, "reviews/desk/schedule.html", {"form": form})


@login_required
def meeting(request, pk):
    meeting = selectors.desk_meeting(request.user, pk)
    page = Paginator(selectors.agenda_candidates(request.user, meeting), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reviews/desk/meeting.html", {
        "meeting": meeting,
        "agenda": list(selectors.desk_agenda(request.user, meeting)),
        "page": page,
        "members": members_on(meeting.body, meeting_date(meeting)).count(),
    })


@login_required
@require_POST
def agenda_add(request, pk):
    meeting = selectors.desk_meeting(request.user, pk)
    raw = request.POST.get("proposal", "")
    if not raw.isdigit():
        messages.error(request, _("Choose the proposal to put on the agenda."))
        return redirect("desk-meeting", pk=meeting.pk)
    proposal = get_object_or_404(Proposal, pk=int(raw))
    try:
        item = services.agenda_add(meeting=meeting, proposal=proposal)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(ref)s is item %(order)d of the agenda.") % {
            "ref": proposal.reference, "order": item.order,
        })
    return redirect("desk-meeting", pk=meeting.pk)


@login_required
@require_POST
def agenda_item(request, pk, act):
    item = selectors.desk_item(request.user, pk)
    try:
        if act == "up":
            schedule.agenda_move(item=item, step=-1)
        elif act == "down":
            schedule.agenda_move(item=item, step=1)
        elif act == "remove":
            problem = services.cancelled_problem(item.meeting)
            if problem:
                raise ValidationError(problem)
            services.agenda_remove(item=item)
            messages.success(request, _("%(ref)s is off the agenda.") % {"ref": item.proposal.reference})
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("desk-meeting", pk=item.meeting_id)


@login_required
def meeting_postpone(request, pk):
    meeting = selectors.desk_meeting(request.user, pk)
    form = PostponeForm(request.POST or None, initial={"place": meeting.place})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            schedule.meeting_postpone(
                meeting=meeting, held_at=data["held_at"], place=data["place"], by=request.user,
                reason=data["reason"], notice_override_reason=data["notice_override_reason"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Meeting %(label)s postponed; its members are told the new date.") % {
                "label": meeting.label})
            return redirect("desk-meeting", pk=meeting.pk)
    return render(request, "reviews/desk/postpone.html", {"meeting": meeting, "form": form})


@login_required
def meeting_cancel(request, pk):
    meeting = selectors.desk_meeting(request.user, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            schedule.meeting_cancel(meeting=meeting, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Meeting %(label)s cancelled; every member is told why.") % {
                "label": meeting.label})
            return redirect("desk-meeting", pk=meeting.pk)
    return render(request, "reviews/desk/cancel.html", {
        "meeting": meeting, "form": form, "members": members_on(meeting.body, meeting_date(meeting)).count(),
    })
