"""A template shown on a real proposal, as its recipient would read it (admin preview).

The proposal's own placeholders come from here; what other apps know of it (the
meeting it went to, say) comes from the examples they register in their
``AppConfig.ready()`` with ``kinds.examples_register``, so this app imports
none of them.
"""

import datetime

from django.utils import timezone
from django.utils.safestring import mark_safe

from applications.models import Proposal, StatusChange
from core.thai import local_date

from . import rendering
from .kinds import EXAMPLES, PLACEHOLDERS
from .services import change_context, portal_url, proposal_context


def candidate_proposals():
    return list(Proposal.objects.order_by("-updated_at").only("pk", "created_at", "name_th", "name_en")[:50])


def context_on(kind, proposal) -> dict:
    """Every placeholder of ``kind`` filled from ``proposal`` (its last move, and the registered examples)."""
    change = (
        StatusChange.objects.filter(proposal=proposal).exclude(action="create")
        .select_related("proposal__organisation").prefetch_related("resolution__meeting__body").order_by("-at").first()
    )
    context = change_context(change) if change else proposal_context(proposal)
    for example in EXAMPLES:  # beneath the proposal's own placeholders
        context = {**example(proposal), **context}
    plan = proposal.plans.select_related("dimension").first()
    soon = timezone.localdate() + datetime.timedelta(days=7)
    context.update({
        "recipient_name": "สมชาย ใจดี",
        "portal_url": portal_url("/"),
        "role": "—",
        "agenda": f"1. {proposal.reference} {proposal.name}",
        "dimension": str(plan.dimension) if plan else "—",
        "due_date": local_date(soon),
        "days": "7",
        "valid_until": local_date(proposal.valid_until or soon),
        "count": "2",
        "items": f"• {proposal.reference}\n• {proposal.reference}",
    })
    context.setdefault("deadline", local_date(proposal.revision_deadline or soon))
    return {name: context.get(name, "") for name in PLACEHOLDERS[kind]}


def render_on(template, *, proposal_id) -> dict:
    proposal = Proposal.objects.select_related("organisation").get(pk=proposal_id)
    context = context_on(template.kind, proposal)
    return {
        "subject": " ".join(rendering.render_source(template.subject, context).split()),
        "text": rendering.render_source(template.text, context),
        # Staff's own HTML with the placeholders escaped: shown as the mail client would.
        "html": mark_safe(rendering.render_source(template.html, context, html=True)),  # noqa: S308
    }
