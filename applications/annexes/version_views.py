"""Frozen versions: one version read-only, and two compared section by section."""

from django.http import Http404
from django.shortcuts import render

from applications.selectors import get_actionable_proposal
from applications.versions import compare, describe, snapshot

from . import selectors
from .forms import CompareForm
from .panels import may_work_on


def version_detail(request, pk, number):
    proposal = get_actionable_proposal(request.user, pk)
    version = selectors.get_version(proposal, number)
    count = proposal.versions.count()
    context = {
        "proposal": proposal,
        "version": version,
        "sections": describe(version.snapshot),
        "previous": number - 1 if number > 1 else None,
        "next": number + 1 if number < count else None,
    }
    return render(request, "applications/versions/detail.html", context)


def version_compare(request, pk):
    proposal = get_actionable_proposal(request.user, pk)
    numbers = list(proposal.versions.order_by("number").values_list("number", flat=True))
    if not numbers:
        raise Http404
    # The draft being edited is the organisation's work in progress: only the
    # people who work on the proposal compare against it.
    allow_current = may_work_on(request, proposal)
    asked = "from" in request.GET or "to" in request.GET
    if asked:
        data = request.GET
    elif len(numbers) > 1:
        data = {"from": numbers[-2], "to": numbers[-1]}
    else:
        data = {"from": numbers[-1], "to": "current" if allow_current else numbers[-1]}
    form = CompareForm(data, numbers=numbers, allow_current=allow_current)
    context = {"proposal": proposal, "form": form, "sections": None}
    if form.is_valid():
        old = selectors.get_version(proposal, form.cleaned_data["from"])
        to = form.cleaned_data["to"]
        new = None if to == "current" else selectors.get_version(proposal, int(to))
        context.update(
            old=old, new=new,
            sections=compare(old.snapshot, snapshot(proposal) if new is None else new.snapshot),
        )
    return render(request, "applications/versions/compare.html", context, status=400 if asked and form.errors else 200)
