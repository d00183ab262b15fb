"""Writing notifications: always inside the caller's transaction (the outbox).

Every writer builds one plain-string context per language (so a template sees
only its documented placeholders), renders the kind's template in each
recipient's language, applies the recipient's preferences, and queues
delivery after commit.
"""

import logging

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from applications.enums import State
from applications.models import Proposal
from applications.permissions import withheld_users
from core.thai import local_date

from .kinds import DOSSIER_PLACEHOLDERS, LEGAL, Kind
from .models import Channel, Notification, Preference, WebhookDelivery, WebhookEndpoint
from .reminders import threshold
from .rendering import language_of, portal_url, render
from .tasks import deliver_notifications, deliver_webhooks

log = logging.getLogger(__name__)

STAFF_KIND_OF_ACTION = {
    "submit": Kind.NEW_SUBMISSION,
    "submit_plan": Kind.PLAN_HANDED_IN,
    "resubmit": Kind.REVISION_ANSWERED,
    "resubmit_plan": Kind.PLAN_REVISION_ANSWERED,
}


def _enqueue(ids):
    try:
        deliver_notifications.delay(ids)
    except Exception as exc:  # broker down: the rows wait in the outbox for the periodic sweep
        log.warning("notifications %s queued for the sweep: broker unavailable (%s)", ids[:5], exc)


def _enqueue_webhooks(ids):
    try:
        deliver_webhooks.delay(ids)
    except Exception as exc:  # broker down: the sweep sends them
        log.warning("webhook deliveries %s wait for the sweep: %s", ids, exc)


def channels(kind, preference) -> tuple:
    """(by_email, in_app, digest) for ``kind``; legal kinds always e-mail at once, whatever is stored."""
    if kind in LEGAL:
        return True, True, False
    if preference is None:
        return True, True, False
    by_email = preference.channel in (Channel.BOTH, Channel.EMAIL)
    in_app = preference.channel in (Channel.BOTH, Channel.IN_APP)
    return by_email, in_app, by_email and preference.digest


class Batch:
    """Rows for one event, written together: one query for preferences, one insert."""

    def __init__(self, *, event, proposal=None, status_change=None, meeting=None):
        self.event, self.proposal, self.status_change = event, proposal, status_change
        # The meeting a row is about: the inbox then says when it was cancelled (never a dead link).
        self.meeting = meeting
        self.entries = []
        self._contexts = {}
        self._templates = {}

    def add(self, user, kind, context_for, *, key=None, extra=None):
        """``context_for(language)`` gives the shared context; computed once per language."""
        self.entries.append((user, Kind(kind), context_for, key, extra or {}))

    def _context(self, context_for, language):
        cache_key = (id(context_for), language)
        if cache_key not in self._contexts:
            with translation.override(language):
                self._contexts[cache_key] = context_for(language)
        return self._contexts[cache_key]

    def _withheld(self) -> set:
        """Recipients the proposal's dossier is withheld from (the dossier rule, applications.permissions):
        anyone who declared a conflict of interest on it, but its own organisation's people."""
        if self.proposal is None:
            return set()
        return set(
            User.objects.filter(withheld_users(self.proposal), pk__in=[e[0].pk for e in self.entries])
            .exclude(memberships__organisation_id=self.proposal.organisation_id)
            .values_list("pk", flat=True)
        )

    def write(self) -> list:
        if not self.entries:
            return []
        withheld = self._withheld()
        prefs = {
            (p.user_id, p.kind): p
            for p in Preference.objects.filter(
                user__in=[e[0].pk for e in self.entries], kind__in={e[1] for e in self.entries}
            )
        }
        rows = []
        for user, kind, context_for, key, extra in self.entries:
            language = language_of(user)
            context = {
                **self._context(context_for, language),
                **extra,
                "recipient_name": user.get_full_name() or user.username,
            }
            if user.pk in withheld:
                context.update(dict.fromkeys(DOSSIER_PLACEHOLDERS & context.keys(), ""))
            with translation.override(language):
                subject, text, html = render(kind, language, context, cache=self._templates)
            by_email, in_app, digest = channels(kind, prefs.get((user.pk, kind)))
            rows.append(
                Notification(
                    recipient=user, event=self.event, kind=kind, language=language, proposal=self.proposal,
                    status_change=self.status_change, meeting_id=self.meeting.pk if self.meeting else None,
                    subject=subject, body=text, html_body=html,
                    by_email=by_email and bool(user.email), in_app=in_app, digest=digest, key=key,
                )
            )
        keys = [r.key for r in rows if r.key]
        if keys:
            # A reminder already written keeps its first row. The unique index settles a race
            # of two runs (ignore_conflicts); each then queues the winner, which is sent once.
            seen = set(Notification.objects.filter(key__in=keys).values_list("key", flat=True))
            rows = [r for r in rows if r.key not in seen]
            Notification.objects.bulk_create(rows, ignore_conflicts=True)
            created = list(Notification.objects.filter(key__in=[r.key for r in rows]))
        else:
            created = Notification.objects.bulk_create(rows)
        due = [n.pk for n in created if not n.digest]
        if due:
            # After commit: the worker must find the rows, and a rolled-back event sends nothing.
            transaction.on_commit(lambda: _enqueue(due))
        return created


# --- Contexts: plain strings only, in the active language ----------------------------------------


def proposal_context(proposal) -> dict:
    return {
        "proposal_reference": proposal.reference,
        "proposal_name": proposal.name,
        "organisation": str(proposal.organisation),
        "proposal_url": portal_url(reverse("proposal-detail", args=[proposal.pk])),
        "portal_url": portal_url("/"),
    }


def change_context(change) -> dict:
    proposal = change.proposal
    return {
        **proposal_context(proposal),
        "from_state": change.get_from_state_display() or "—",
        "to_state": change.get_to_state_display(),
        "action": change.get_action_display(),
        "date": local_date(change.at),
        "note": change.note,
        "deadline": local_date(change.deadline) if change.deadline else "",
        "meeting": str(change.resolution.meeting) if change.resolution_id else "",
    }


# --- Writers ------------------------------------------------------------------------------------------


def proposal_recipients(proposal, audiences):
    users = User.objects.none()
    if "proponents" in audiences:
        users |= User.objects.filter(memberships__organisation_id=proposal.organisation_id)
    if "staff" in audiences:
        users |= User.objects.filter(is_office_staff=True)
    return users.filter(is_active=True).distinct().order_by("pk")


def notify_status_change(change, *, audiences) -> list:
    """One outbox row per recipient, in the recipient's language; delivered after commit.

    Proponents hear of every move (a revision request with its deadline);
    the Office hears of new submissions and answered revisions as such.
    """
    proposal = change.proposal
    batch = Batch(event=f"proposal.{change.action}", proposal=proposal, status_change=change)

    def context_for(language):
        return change_context(change)

    proponent_ids = (
        set(User.objects.filter(memberships__organisation_id=proposal.organisation_id).values_list("pk", flat=True))
        if "proponents" in audiences else set()
    )
    for user in proposal_recipients(proposal, audiences):
        if user.pk in proponent_ids:
            kind = Kind.REVISION_REQUESTED if change.to_state == "revision_requested" else Kind.STATUS_CHANGE
        else:
            kind = STAFF_KIND_OF_ACTION.get(change.action, Kind.STATUS_CHANGE)
        batch.add(user, kind, context_for)
    created = batch.write()
    deliveries_create(event=f"proposal.{change.action}", payload_for=lambda: webhook_payload(change))
    return created


def webhook_payload(change) -> dict:
    proposal = change.proposal
    return {
        "event": f"proposal.{change.action}",
        "proposal": {"id": proposal.pk, "reference": proposal.reference, "name_th": proposal.name_th,
                     "name_en": proposal.name_en, "status": proposal.status},
        "from_state": change.from_state,
        "to_state": change.to_state,
        "at": change.at.isoformat(),
        "deadline": change.deadline.isoformat() if change.deadline else None,
    }


def deliveries_create(*, event, payload_for) -> list:
    """One webhook delivery row per active endpoint subscribed to ``event``, in the caller's transaction."""
    endpoints = [e for e in WebhookEndpoint.objects.filter(active=True) if event in (e.events or [])]
    if not endpoints:
        return []
    payload = payload_for()
    rows = WebhookDelivery.objects.bulk_create(
        [WebhookDelivery(endpoint=e, event=event, payload=payload) for e in endpoints]
    )
    ids = [r.pk for r in rows]
    transaction.on_commit(lambda: _enqueue_webhooks(ids))
    return rows


# --- Reminders of the workflow's own deadlines (registered in apps.py; see reminders.py) -------

REVISION_DAYS = (7, 1)


def revision_deadlines_remind(*, now) -> int:
    """Proponents of a proposal sent back for revision, 7 days and 1 day before its deadline."""
    today = timezone.localtime(now).date()
    written = 0
    qs = Proposal.objects.filter(status=State.REVISION_REQUESTED, revision_deadline__gte=today).select_related(
        "organisation"
    )
    for proposal in qs:
        left = (proposal.revision_deadline - today).days
        days = threshold(left, REVISION_DAYS)
        if days is None:
            continue
        batch = Batch(event="reminder.revision_deadline", proposal=proposal)

        def context_for(language, p=proposal, left=left):
            return {**proposal_context(p), "deadline": local_date(p.revision_deadline), "days": str(left)}

        for user in proposal_recipients(proposal, {"proponents"}):
            key = f"revision:{proposal.pk}:{proposal.revision_deadline}:{days}:{user.pk}"
            batch.add(user, Kind.REVISION_DEADLINE, context_for, key=key)
        written += len(batch.write())
    return written


# --- The reader's side -----------------------------------------------------------------------------


def notification_mark_read(*, user, pk=None) -> int:
    """Mark one (or, without ``pk``, every) unread notification of ``user`` read; returns how many."""
    qs = Notification.objects.filter(recipient=user, in_app=True, read_at__isnull=True)
    if pk is not None:
        qs = qs.filter(pk=pk)
    return qs.update(read_at=timezone.now())


def preference_set(*, user, kind, channel, digest=False) -> Preference:
    """Store one choice; a legal kind is always e-mailed at once (refused otherwise)."""
    pref = Preference(user=user, kind=Kind(kind), channel=Channel(channel), digest=bool(digest))
    pref.clean()
    obj, _created = Preference.objects.update_or_create(
        user=user, kind=pref.kind, defaults={"channel": pref.channel, "digest": pref.digest}
    )
    return obj


def resend_failed(*, queryset) -> int:
    """Staff send failed rows again: a fresh set of attempts, delivered after commit."""
    now = timezone.now()
    ids = list(queryset.filter(Q(failed_at__isnull=False)).values_list("pk", flat=True))
    Notification.objects.filter(pk__in=ids).update(
        failed_at=None, attempts=0, next_attempt_at=now, claimed_at=None, last_error=""
    )
    if ids:
        transaction.on_commit(lambda: _enqueue(ids))
    return len(ids)
