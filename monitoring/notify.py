"""Notifications of a report's steps, through the one notification system.

The rows are written by ``notifications.services.Batch`` in the caller's
transaction (the outbox), so reports get the same templates staff edit in the
admin, the same per-user preferences and digest, and the same delivery and
retries as every other event.
"""

from django.urls import reverse

from core.thai import local_date
from notifications.kinds import Kind
from notifications.services import Batch, portal_url, proposal_context, proposal_recipients


def report_event(event, *, audiences) -> list:
    """One row per recipient, in the recipient's language; delivered after commit."""
    report = event.report
    proposal = report.proposal

    def context_for(language):
        progress = report.progress_percent if event.action == "accept" else None
        return {
            **proposal_context(proposal),
            "proposal_url": portal_url(reverse("report-detail", args=[report.pk])),
            # The year as the reader counts it: B.E. in Thai, A.D. in English.
            "report_year": str(report.year + 543 if language == "th" else report.year),
            "from_state": event.get_from_state_display() or "—",
            "to_state": event.get_to_state_display(),
            "action": event.get_action_display(),
            "date": local_date(event.at),
            "note": event.note,
            "progress": "" if progress is None else str(progress),
        }

    batch = Batch(event=f"report.{event.action}", proposal=proposal)
    for user in proposal_recipients(proposal, audiences):
        batch.add(user, Kind.PROGRESS_REPORT, context_for)
    return batch.write()

