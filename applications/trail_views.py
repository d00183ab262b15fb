"""The audit trail of one proposal, for the Office: every change to it and to its parts
(plans, annexes, history, evaluations, agenda, votes, reports), before and after."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from core.audit import trail_of
from core.trail import trail_rows

from . import selectors

PER_PAGE = 50


@login_required
def proposal_trail(request, pk):
    proposal = selectors.get_audited_proposal(request.user, pk)
    page = Paginator(trail_of(proposal), PER_PAGE).get_page(request.GET.get("page"))
    context = {"proposal": proposal, "page": page, "rows": trail_rows(page)}
    return render(request, "applications/trail.html", context)
