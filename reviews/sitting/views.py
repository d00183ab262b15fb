"""The pages of a meeting being run: thin, each calls one service and says what happened."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from core.errors import DomainError

from ..enums import IdentityCheck
from ..meetings import selectors as meeting_selectors
from ..meetings.permissions import can_record_attendance
from ..voting import selectors as voting_selectors
from . import certify as certifying
from . import presence, services
from .evidence import evidence_zip
from .forms import BallotForm, CertifyForm, JoinForm
from .permissions import evidence_readable


def _detail(meeting):
    return redirect("meeting-detail", pk=meeting.pk)


def _item_page(item):
    return redirect(reverse("agenda-item", args=[item.pk]) + "#voting")


@login_required
@require_POST
def meeting_open(request, pk):
    meeting = meeting_selectors.get_meeting(request.user, pk)
    try:
        services.meeting_open(meeting=meeting, by=request.user)
    except services.SittingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The meeting is open: members may join now, confirming who they are."))
    return _detail(meeting)


@login_required
def join(request, pk):
    meeting = meeting_selectors.get_meeting(request.user, pk)
    check = meeting.body.identity_check
    form = JoinForm(request.POST if request.method == "POST" else None, check=check)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.member_join(meeting=meeting, member=request.user, channel=data["channel"],
                                 password=data.get("password", ""), code=data.get("code", ""))
        except services.SittingError as exc:
            if exc.field in form.fields:
                form.add_error(exc.field, exc.message)
            else:
                messages.error(request, exc.message)
                return _detail(meeting)
        else:
            messages.success(request, _("You have joined the meeting: you count towards the quorum from now."))
            return _detail(meeting)
    return render(request, "reviews/sitting/join.html", {
        "meeting": meeting, "form": form, "one_time_code": check == IdentityCheck.ONE_TIME_CODE,
        "opened": presence.opening_of(meeting),
    })


@login_required
@require_POST
def leave(request, pk):
    meeting = meeting_selectors.get_meeting(request.user, pk)
    member = request.user
    if request.POST.get("member"):
        try:
            member = User.objects.get(pk=int(request.POST["member"]))
        except (User.DoesNotExist, ValueError):
            raise Http404 from None
    try:
        services.member_leave(meeting=meeting, member=member, by=request.user)
    except services.SittingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The departure is recorded: %(name)s no longer counts towards the quorum.")
                         % {"name": member.get_full_name() or member.username})
    return _detail(meeting)


@login_required
@require_POST
def vote_open(request, pk):
    item = voting_selectors.get_item(request.user, pk)
    form = BallotForm(request.POST)
    ballot = form.cleaned_data["ballot"] if form.is_valid() else None
    try:
        services.item_vote_open(item=item, by=request.user, ballot=ballot)
    except services.SittingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The vote is open (%(ballot)s).") % {"ballot": item.get_ballot_display()})
    return _item_page(item)


@login_required
@require_POST
def ballot(request, pk):
    item = voting_selectors.get_item(request.user, pk)
    form = BallotForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an open or a secret ballot."))
        return _item_page(item)
    try:
        services.ballot_choose(item=item, by=request.user, ballot=form.cleaned_data["ballot"])
    except services.SittingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The ballot is now: %(ballot)s.") % {"ballot": item.get_ballot_display()})
    return _item_page(item)


@login_required
def evidence(request, pk):
    meeting = meeting_selectors.get_meeting(request.user, pk)
    if not evidence_readable(request.user, meeting):
        raise PermissionDenied
    response = HttpResponse(evidence_zip(meeting), content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="evidence-{meeting.body.kind}-{meeting.number}-{meeting.year_be}.zip"')
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def certify(request, pk):
    """At this meeting, certify the minutes of the body's previous meeting (amendments: corrections)."""
    meeting = meeting_selectors.get_meeting(request.user, pk)
    if not can_record_attendance(request.user, meeting):
        raise PermissionDenied
    previous = certifying.to_certify(meeting).first()
    form = CertifyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and previous is not None and form.is_valid():
        try:
            certifying.minutes_certify(meeting=previous, at_meeting=meeting, by=request.user,
                                       note=form.cleaned_data["note"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The minutes of meeting no. %(label)s are certified.") % {
                "label": previous.label})
            return _detail(meeting)
    return render(request, "reviews/sitting/certify.html", {
        "meeting": meeting, "previous": previous, "form": form,
        "problem": certifying.certify_problem(meeting=previous, at_meeting=meeting) if previous else "",
    })
