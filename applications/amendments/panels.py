"""The amendments panel of the proposal page and the timeline's amendments, as template tags.

The proposal page only hands its template the proposal and the history; these read the
amendments through our selectors, scoped to the person asking, in a fixed number of queries.
Loaded in templates as ``{% load amendments %}`` (exposed by
``applications/templatetags/amendments.py``).
"""

from django import template

from ..enums import AmendmentState
from . import selectors
from .facts import facts_are_public

register = template.Library()


@register.inclusion_tag("applications/amendments/_panel.html", takes_context=True)
def amendment_panel(context, proposal):
    user = context["request"].user
    if not selectors.may_see_amendments(user, proposal):
        return {"show": False}
    amendments = selectors.with_lines(selectors.amendments_of(proposal).order_by("-requested_at", "-id"))
    # Kept on the proposal for the timeline below (with_amendments): one read of them a page, not two.
    proposal.__dict__["_amendments_read"] = amendments
    public = facts_are_public(proposal)
    if not public and not amendments:
        return {"show": False}
    return {
        "show": True,
        "proposal": proposal,
        "amendments": amendments,
        "can_request": public and selectors.may_request_amendment(user, proposal)
        and not any(a.is_pending for a in amendments),
    }


@register.filter
def with_amendments(history, proposal):
    """The history's moves and the proposal's accepted amendments, in the order they happened.

    A change of public facts is not a move of the workflow: it is shown beside the moves
    (``is_amendment`` on the row), never recorded as one.
    """
    read = proposal.__dict__.get("_amendments_read")
    if read is not None:  # the panel above read them all: its accepted ones, oldest decision first
        accepted = sorted((a for a in read if a.state == AmendmentState.ACCEPTED), key=lambda a: (a.decided_at, a.pk))
    else:
        accepted = selectors.with_lines(selectors.accepted_amendments_of(proposal))
    if not accepted:
        return history
    return sorted([*history, *accepted], key=lambda row: (row.at, getattr(row, "is_amendment", False)))
