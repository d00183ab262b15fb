"""The public verification pages: /verify/<certificate number> and /verify/minutes/<meeting id>.

Anyone, signed in or not, reads a certificate's live status and the SHA-256 of every edition
issued, and may upload a PDF to check it (throttled per address; nothing is stored). The
minutes' page says only what the register already publishes of a meeting (its body, number
and date), never what the minutes say.
"""

from django import forms
from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from accounts.signin import client_address
from applications.models import DimensionPlan, Proposal

from ..models import IssuedDocument, Meeting
from . import issue, signing, verify
from .selectors import CERTIFICATE_STATES


class UploadForm(forms.Form):
    document = forms.FileField(
        label=_("The PDF to check"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


def _throttled(request) -> bool:
    return getattr(settings, "RATELIMIT_ENABLE", True) and is_ratelimited(
        request, group="verify-upload", key=client_address, rate=settings.RATELIMIT_VERIFY_UPLOAD,
        method="POST", increment=True,
    )


def _page(request, *, subject, documents, context):
    answer = None
    if request.method == "POST":
        if _throttled(request):
            response = render(request, "rate_limited.html", {"window": "verify"}, status=429)
            response["Retry-After"] = "60"
            return response
        answer = verify.check_upload(request.FILES.get("document"), subject=subject)
    documents = list(documents.select_related("superseded_by").order_by("-edition"))
    context.update({
        "form": UploadForm(),
        "answer": answer,
        "documents": documents,
        "development": any(d.development_key for d in documents),
        "max_mb": settings.VERIFY_UPLOAD_MAX_BYTES // (1024 * 1024),
    })
    # An answer about an upload is for this reader only.
    response = render(request, "reviews/documents/verify.html", context, status=200)
    response["Cache-Control"] = "private, no-store"
    return response


def _current(make, subject):
    """Issue the current edition if the record changed since the last (so the page lists it);
    a signing failure leaves the editions already issued to be shown."""
    try:
        make(subject)
    except signing.SigningError:
        pass


@require_http_methods(["GET", "POST"])
def verify_index(request):
    return _page(request, subject=None, documents=IssuedDocument.objects.none(), context={"kind": "any"})


@require_http_methods(["GET", "POST"])
def verify_certificate(request, number):
    plans = Prefetch("plans", queryset=DimensionPlan.objects.select_related("dimension"))
    proposal = (
        Proposal.objects.filter(status__in=CERTIFICATE_STATES, certificate_number=number)
        .select_related("organisation__province").prefetch_related("provinces", plans).first()
    )
    if proposal is None:
        raise Http404
    _current(issue.certificate_current, proposal)
    return _page(request, subject=proposal, documents=IssuedDocument.objects.filter(proposal=proposal), context={
        "kind": "certificate", "proposal": proposal, "status": verify.certificate_status(proposal),
    })


@require_http_methods(["GET", "POST"])
def verify_minutes(request, pk):
    meeting = Meeting.objects.select_related("body").filter(pk=pk, issued_documents__isnull=False).first()
    if meeting is None:
        raise Http404
    return _page(request, subject=meeting, documents=IssuedDocument.objects.filter(meeting=meeting), context={
        "kind": "minutes", "meeting": meeting,
    })
