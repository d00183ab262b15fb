"""The annexes and versions panels of the proposal page, as inclusion tags.

The proposal page (another feature's view) only hands its template the
proposal and the user; these tags read what the panels need through our
selectors, scoped to the person asking, in a fixed number of queries.
Loaded in templates as ``{% load proposal_panels %}`` (the library is
exposed by ``applications/templatetags/proposal_panels.py``).
"""

from django import template
from django.conf import settings

from applications.enums import EDITABLE_STATES
from applications.permissions import can_edit_proposal

from . import selectors
from .forms import AnnexUploadForm

register = template.Library()


def may_work_on(request, proposal) -> bool:
    """Asked once per request and proposal, however many panels ask."""
    cache = request.__dict__.setdefault("_may_work_on", {})
    if proposal.pk not in cache:
        cache[proposal.pk] = selectors.may_work_on(request.user, proposal)
    return cache[proposal.pk]


@register.inclusion_tag("applications/annexes/_annexes.html", takes_context=True)
def annex_panel(context, proposal):
    request = context["request"]
    if not may_work_on(request, proposal):
        return {"show": False}
    editable = can_edit_proposal(request.user, proposal)
    frozen = selectors.frozen_hashes(proposal) if editable else {}
    return {
        "show": True,
        "proposal": proposal,
        "rows": [(a, frozen.get(a.sha256)) for a in selectors.attachments_of(proposal)],
        "can_edit": editable,
        "form": AnnexUploadForm() if editable else None,
        "limit_mb": settings.UPLOAD_MAX_MB,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("applications/versions/_versions.html", takes_context=True)
def version_panel(context, proposal):
    request = context["request"]
    works_on = may_work_on(request, proposal)
    # The frozen versions are the dossier: only for the people working on the
    # proposal. Nobody else gets the panel at all (an empty one would say, wrongly,
    # that nothing was handed in).
    if not works_on:
        return {"show": False}
    versions = list(selectors.versions_of(proposal))
    return {
        "show": True,
        "proposal": proposal,
        "versions": versions,
        "latest": versions[-1] if versions else None,
        "show_current": works_on and proposal.status in EDITABLE_STATES and bool(versions),
    }
