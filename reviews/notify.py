"""What the committees' work tells people: meetings, agendas, voting, minutes, evaluators.

The rows are written by ``notifications.services.Batch`` in the caller's
transaction (the outbox), so these messages get the same templates staff edit
in the admin, the same preferences and digest, and the same delivery and
retries as every other event. The reminders of meetings and of scores due are
in ``reviews/tasks.py``.
"""

from django.urls import reverse
from django.utils import timezone, translation

from core.thai import local_date
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.services import Batch, language_of, portal_url, proposal_context

from .meetings.selectors import meeting_date, members_on
from .models import Meeting

# What the secretary (or the Office) publishes from the meeting page: name in the URL -> event.
PUBLICATIONS = {"agenda": "meeting.agenda", "voting": "meeting.voting", "minutes": "meeting.minutes"}


def meeting_context(meeting) -> dict:
    held = timezone.localtime(meeting.held_at)
    return {
        "meeting_label": meeting.label,
        "body_name": meeting.body.name,
        "meeting_date": local_date(held),
        "meeting_time": held.strftime("%H:%M"),
        "meeting_place": meeting.place or "—",
        "meeting_url": portal_url(reverse("meeting-detail", args=[meeting.pk])),
        "short_notice_reason": meeting.notice_override_reason,
        "portal_url": portal_url("/"),
    }


def meeting_key(event, meeting_pk, user_pk) -> str:
    return f"{event}:{meeting_pk}:{user_pk}"


def meeting_notify(*, meeting, kind, event, extra_for=None, once=False) -> list:
    """Every member sitting on the meeting's date, with their role, in their language.

    ``once``: each member hears of this event of this meeting once, however often it is
    published (the unique ``key``); a member seated since hears of it on the next publication.
    """
    batch = Batch(event=event, meeting=meeting)

    def context_for(language):
        context = meeting_context(meeting)
        if extra_for:
            context.update(extra_for())
        return context

    for seat in members_on(meeting.body, meeting_date(meeting)).filter(user__is_active=True):
        with translation.override(language_of(seat.user)):
            role = str(seat.get_role_display())
        key = meeting_key(event, meeting.pk, seat.user_id) if once else None
        batch.add(seat.user, kind, context_for, key=key, extra={"role": role})
    return batch.write()


def agenda_text(meeting) -> str:
    lines = []
    for item in meeting.agenda.select_related("proposal").order_by("order"):
        lines.append(f"{item.order}. {item.proposal.reference} {item.proposal.name}")
    return "\n".join(lines)


def publications(meeting, user_ids) -> dict:
    """``{"agenda" | "voting" | "minutes": first sent}`` for this meeting's members: one query, by key."""
    what_of = {event: what for what, event in PUBLICATIONS.items()}
    keys = [meeting_key(event, meeting.pk, uid) for event in PUBLICATIONS.values() for uid in user_ids]
    if not keys:
        return {}
    first = {}
    for event, at in Notification.objects.filter(key__in=keys).values_list("event", "created_at"):
        what = what_of[event]
        first[what] = min(first.get(what, at), at)
    return first


def evaluators_notify(*, assignments) -> list:
    """Each evaluator hears of each assignment (proposal and dimension) with its due date."""
    batches = []
    for a in assignments:
        batch = Batch(event="evaluation.assigned", proposal=a.proposal)

        def context_for(language, a=a):
            return {
                **proposal_context(a.proposal),
                "dimension": str(a.dimension),
                "due_date": local_date(a.due_on) if a.due_on else "",
                "portal_url": portal_url(reverse("assignment-score", args=[a.pk])),
            }

        batch.add(a.evaluator, Kind.EVALUATOR_ASSIGNED, context_for)
        batches.extend(batch.write())
    return batches


def preview_example(proposal) -> dict:
    """The meeting placeholders of the admin's template preview: the proposal's last meeting, else the last one."""
    meeting = Meeting.objects.filter(agenda__proposal=proposal).select_related("body").order_by("-held_at").first()
    if meeting is None:
        meeting = Meeting.objects.select_related("body").order_by("-held_at").first()
    return meeting_context(meeting) if meeting is not None else {}
