"""Annex pages: upload, download, remove. Thin: reads in selectors, writes in services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from applications.permissions import can_edit_proposal
from applications.selectors import get_actionable_proposal
from applications.workflow import TransitionError
from core.files import protected_file_response

from . import selectors, services
from .forms import AnnexUploadForm
from .uploads import SizeLimitUploadHandler


def _back(proposal):
    return redirect(reverse("proposal-detail", args=[proposal.pk]) + "#annexes")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def annex_upload(request, pk):
    # The size limit must be in place before anything parses the body, and the
    # CSRF middleware would (it reads request.POST): so the middleware skips this
    # outer view and csrf_protect checks the token in the inner one, after the
    # limiter is installed. See Django's "Modifying upload handlers on the fly".
    limiter = SizeLimitUploadHandler(request)
    if request.method == "POST":
        request.upload_handlers.insert(0, limiter)
    return _annex_upload(request, pk, limiter)


@csrf_protect
def _annex_upload(request, pk, limiter):
    proposal = get_actionable_proposal(request.user, pk)
    editable = can_edit_proposal(request.user, proposal)
    if request.method == "POST" and not editable:
        messages.error(request, services.not_editable_message(proposal))
        return _back(proposal)
    if request.method == "GET":
        form = AnnexUploadForm()
    else:
        form = AnnexUploadForm(request.POST, request.FILES, too_big=limiter.too_big)
        if form.is_valid():
            try:
                attachment = services.attachment_add(
                    proposal=proposal, by=request.user, kind=form.cleaned_data["kind"],
                    upload=form.cleaned_data["file"],
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("‘%(name)s’ is attached to the proposal.")
                                 % {"name": attachment.original_name})
                if attachment.removed:  # the copy kept differs from the upload: say so
                    messages.warning(request, _("Scripts, automatic actions or embedded files were removed from "
                                                "‘%(name)s’: the portal keeps and shares only the cleaned copy.")
                                     % {"name": attachment.original_name})
                return _back(proposal)
    context = {"proposal": proposal, "form": form, "can_edit": editable,
               "refusal": None if editable else services.not_editable_message(proposal)}
    return render(request, "applications/annexes/upload.html", context, status=400 if form.errors else 200)


def annex_download(request, pk, attachment_id):
    attachment = selectors.get_attachment(request.user, pk, attachment_id)
    return protected_file_response(attachment.file, filename=attachment.original_name,
                                   content_type=attachment.content_type)


@require_http_methods(["GET", "POST"])
def annex_delete(request, pk, attachment_id):
    attachment = selectors.get_attachment(request.user, pk, attachment_id)
    proposal = attachment.proposal
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            services.attachment_remove(attachment=attachment, by=request.user)
        except TransitionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("‘%(name)s’ was removed.") % {"name": attachment.original_name})
        return _back(proposal)
    editable = can_edit_proposal(request.user, proposal)
    context = {
        "proposal": proposal,
        "attachment": attachment,
        "can_edit": editable,
        "refusal": services.removal_refusal(attachment) if editable else services.not_editable_message(proposal),
    }
    return render(request, "applications/annexes/delete.html", context)
