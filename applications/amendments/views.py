"""Pages of amendments: the proponent asks, the Office lists the waiting ones and decides."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import is_office_staff

from ..selectors import get_visible_proposal
from . import selectors, services
from .facts import PublicFactError, facts_are_public
from .forms import AmendmentDecisionForm, AmendmentRequestForm

PAGE_SIZE = 25


@login_required
def amendment_request(request, pk):
    proposal = get_visible_proposal(request.user, pk)
    if not selectors.may_request_amendment(request.user, proposal):
        raise Http404
    if not facts_are_public(proposal):
        messages.info(request, _("The proposal is not public yet: change its names, provinces and area in the editor."))
        return redirect("proposal-detail", pk=proposal.pk)
    pending = selectors.pending_of(proposal)
    form = None if pending else AmendmentRequestForm(request.POST or None, proposal=proposal)
    status = 200
    if form is not None and request.method == "POST":
        if form.is_valid():
            try:
                amendment = services.amendment_request(
                    proposal=proposal, by=request.user, changes=form.changes(), reason=form.cleaned_data["reason"]
                )
            except PublicFactError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("Your amendment is sent to the Smart City Office. "
                                            "The register changes once the Office accepts it."))
                return redirect("amendment-detail", pk=amendment.pk)
        status = 400
    context = {"proposal": proposal, "form": form, "pending": pending}
    return render(request, "applications/amendments/request.html", context, status=status)


@login_required
def amendment_list(request):
    if not is_office_staff(request.user):
        raise Http404
    page = Paginator(selectors.pending_amendments(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_lines(page.object_list)
    return render(request, "applications/amendments/list.html", {"page": page})


@login_required
def amendment_detail(request, pk, form=None, status=200):
    amendment = selectors.get_amendment(request.user, pk)
    decides = is_office_staff(request.user) and amendment.is_pending
    context = {
        "amendment": selectors.with_lines([amendment])[0],
        "proposal": amendment.proposal,
        "form": (form or AmendmentDecisionForm()) if decides else None,
    }
    return render(request, "applications/amendments/detail.html", context, status=status)


@login_required
@require_POST
def amendment_decide(request, pk):
    amendment = selectors.get_decidable_amendment(request.user, pk)
    form = AmendmentDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept or to reject the amendment."))
        return redirect("amendment-detail", pk=amendment.pk)
    try:
        services.amendment_decide(amendment=amendment, by=request.user, accept=form.accept,
                                  note=form.cleaned_data["note"])
    except PublicFactError as exc:
        if exc.field in form.fields:
            form.add_error(exc.field, exc.message)
            return amendment_detail(request, pk, form=form, status=400)
        messages.error(request, exc.message)
        return redirect("amendment-detail", pk=amendment.pk)
    if form.accept:
        messages.success(request, _("Amendment accepted: the proposal and the register show the new values."))
    else:
        messages.success(request, _("Amendment rejected: the proposal keeps its values."))
    return redirect("amendment-list")
