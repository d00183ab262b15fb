"""The meetings the outbox's rows are about (issue 13).

``notifications.Notification`` names its meeting by a plain id, so the outbox does not depend on
this app. What the foreign key gave is done here, registered in ``ReviewsConfig.ready()``: the
inbox's page of rows gets its meetings (number, cancellation) in one query, and deleting a
meeting clears the id on its rows (the key's ``on_delete=SET_NULL``).
"""

from notifications.models import Notification

from ..models import Meeting


def meetings_fill(notes) -> None:
    """Set ``note.meeting`` on each row that names one (None where it is gone)."""
    ids = {note.meeting_id for note in notes if note.meeting_id}
    facts = Meeting.objects.only("number", "year_be", "cancelled_at", "cancellation_reason")
    meetings = facts.in_bulk(ids) if ids else {}
    for note in notes:
        note.meeting = meetings.get(note.meeting_id)


def notifications_unlink(sender, instance, **kwargs) -> None:
    """post_delete of Meeting: its rows in the outbox no longer name it."""
    Notification.objects.filter(meeting_id=instance.pk).update(meeting_id=None)
