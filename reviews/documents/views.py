import logging

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.permissions import is_office_staff
from core.paging import page_of

from . import issue, selectors, services, signing
from .forms import AcknowledgeForm, CertifyForm
from .minutes import minutes_pdf

# Candidates offered per step on the committee page.
PER_PAGE = 50

logger = logging.getLogger(__name__)


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _unavailable(error) -> HttpResponse:
    logger.error("a document could not be signed: %s", error)
    return HttpResponse(_("This document cannot be issued at the moment: it could not be signed. "
                          "The Office has been told; please try again later."),
                        status=503, content_type="text/plain; charset=utf-8")


def meeting_minutes(request, pk):
    meeting = selectors.get_readable_meeting(request.user, pk)
    filename = f"minutes-{meeting.body.kind}-{meeting.number}-{meeting.year_be}.pdf"
    # Final minutes the reader may read whole are the issued, signed edition (the archive's copy).
    # Otherwise the reader's own copy, unsigned: a draft, or with what a declared conflict of
    # interest withholds left out (and an open item's count only for the chair, the secretary, the Office).
    if selectors.minutes_final_for(meeting, request.user):
        try:
            content = issue.minutes_current(meeting).content
        except signing.SigningError as error:
            return _unavailable(error)
    else:
        content = minutes_pdf(meeting, reader=request.user)
    response = _pdf(bytes(content), filename)
    response["Cache-Control"] = "private, no-store"
    return response


def certificate(request, pk):
    proposal = selectors.get_certified_proposal(pk)
    try:
        document = issue.certificate_current(proposal)
    except signing.SigningError as error:
        return _unavailable(error)
    return _pdf(bytes(document.content), f"{proposal.certificate_number}.pdf")


def _report(request, outcomes, done_message):
    for outcome in outcomes:
        label = f"{outcome.proposal.reference} {outcome.proposal.name}"
        if outcome.ok:
            messages.success(request, done_message(outcome, label))
        else:
            refused = _("%(proposal)s: refused. %(reason)s") % {"proposal": label, "reason": outcome.message}
            messages.error(request, refused)


@require_http_methods(["GET", "POST"])
def committee(request):
    """Staff record the committee's acknowledgement in batch, then hand over the emblem."""
    if not is_office_staff(request.user):
        raise Http404
    # Each step offers a page of its candidates (issue 16); a posted choice is judged by the service,
    # whichever page it came from.
    ack_page = page_of(request, selectors.awaiting_acknowledgement(), PER_PAGE, param="ack_page")
    cert_page = page_of(request, selectors.proposals_in("acknowledged"), PER_PAGE, param="cert_page")
    acknowledge_form = AcknowledgeForm(prefix="ack", offered=ack_page.object_list)
    certify_form = CertifyForm(prefix="cert", offered=cert_page.object_list)
    if request.method == "POST" and request.POST.get("step") == "acknowledge":
        acknowledge_form = AcknowledgeForm(request.POST, prefix="ack", offered=ack_page.object_list)
        if acknowledge_form.is_valid():
            data = acknowledge_form.cleaned_data
            outcomes = services.acknowledge(data["meeting"], data["proposals"], by=request.user, text=data["text"])
            _report(request, outcomes, lambda o, label: _("%(proposal)s: acknowledged at meeting no. %(label)s.")
                    % {"proposal": label, "label": data["meeting"].label})
            return redirect("committee-acknowledge")
    elif request.method == "POST" and request.POST.get("step") == "certify":
        certify_form = CertifyForm(request.POST, prefix="cert", offered=cert_page.object_list)
        if certify_form.is_valid():
            data = certify_form.cleaned_data
            outcomes = services.certify(data["proposals"], by=request.user, note=data["note"])
            _report(request, outcomes, lambda o, label: _("%(proposal)s: certified, certificate no. %(number)s.")
                    % {"proposal": label, "number": o.message})
            return redirect("committee-acknowledge")
    context = {
        "acknowledge_form": acknowledge_form,
        "certify_form": certify_form,
        "ack_page": ack_page,
        "cert_page": cert_page,
        "certified": selectors.proposals_in("certified").order_by("-certified_on", "-id")[:20],
    }
    return render(request, "reviews/documents/committee.html", context)
