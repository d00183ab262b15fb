"""Every write of the privacy app: publishing a notice, acknowledging it, a person's copy of their
data, their requests and the Office's answers, erasure, the sign-in history and retention."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core import personal_data
from core.errors import DomainError

from . import selectors
from .enums import OPEN_STATES, RequestKind, RequestState
from .models import Acknowledgement, DataRequest, PrivacyNotice, RetentionPeriod, SignInEvent

log = logging.getLogger(__name__)


class PrivacyError(DomainError):
    pass


class ErasureHeld(PrivacyError):
    default_code = "not_allowed"


# --- The notice -------------------------------------------------------------------------------------

def notice_publish(*, by=None, **texts) -> PrivacyNotice:
    """A new version, in force from now: every signed-in person is asked to acknowledge it."""
    with transaction.atomic():
        # The lock on the latest row keeps two publishers from taking the same number (PostgreSQL).
        latest = PrivacyNotice.objects.select_for_update().aggregate(v=Max("version"))["v"] or 0
        notice = PrivacyNotice.objects.create(version=latest + 1, published_by=by, **texts)
        transaction.on_commit(selectors.forget_current_version)
    selectors.forget_current_version()
    return notice


def notice_answer(*, user, notice, accepted: bool, language="") -> Acknowledgement:
    return Acknowledgement.objects.create(user=user, notice=notice, accepted=accepted, language=language[:8])


# --- A person's copy of their data ----------------------------------------------------------------

def data_export(user) -> dict:
    """Everything the portal holds about ``user``, one section per registered source."""
    sections = {source.key: source.export(user) for source in personal_data.sources()}
    return {
        "person": user.pk,
        "exported_at": timezone.now().isoformat(),
        "notice_version": selectors.current_version() or None,
        "sections": sections,
    }


# --- Requests ---------------------------------------------------------------------------------------

def open_duties(user) -> list:
    return [reason for predicate in personal_data.duties() for reason in predicate(user)]


def _held_text(reasons) -> str:
    return "\n".join([_("Your data cannot be deleted while you still have duties in meetings or evaluations:"),
                      *reasons, _("The request stays in the queue and is carried out once they are over.")])


def request_create(*, user, kind, details="") -> DataRequest:
    if kind not in RequestKind.values:
        raise PrivacyError(_("Choose what you ask for."), field="kind")
    details = (details or "").strip()
    if kind == RequestKind.CORRECTION and not details:
        raise PrivacyError(_("Say what is wrong and what it should be."), field="details")
    with transaction.atomic():
        if DataRequest.objects.filter(user=user, kind=kind, state__in=OPEN_STATES).exists():
            raise PrivacyError(_("You already have a request of this kind waiting for the Office."), code="duplicate")
        req = DataRequest(user=user, kind=kind, details=details)
        if kind == RequestKind.DELETION:
            reasons = open_duties(user)
            if reasons:
                req.state, req.held_reason = RequestState.HELD, _held_text(reasons)
        req.save()
    return req


def _lock_open(request) -> DataRequest:
    locked = DataRequest.objects.select_for_update().get(pk=request.pk)
    if locked.state not in OPEN_STATES:
        raise PrivacyError(_("This request has already been answered."), code="closed")
    return locked


def request_answer(*, request, by, response, refused=False) -> DataRequest:
    """Close a request with the Office's answer: a correction made (or refused, with the reason), a
    deletion refused. A deletion is carried out by :func:`request_erase`."""
    response = (response or "").strip()
    if not response:
        raise PrivacyError(_("Write the answer the person will read."), field="response")
    with transaction.atomic():
        locked = _lock_open(request)
        if locked.kind == RequestKind.DELETION and not refused:
            raise PrivacyError(_("A deletion is carried out with “Delete now”, or refused with a reason."))
        locked.state = RequestState.REFUSED if refused else RequestState.DONE
        locked.response, locked.handled_by, locked.handled_at = response, by, timezone.now()
        locked.save()
    return locked


def request_erase(*, request, by) -> DataRequest:
    """Carry out a deletion: anonymise the person where the record keeps them, delete the rest.

    A person with open meeting duties is not erased: the request is held, with the reasons, and
    :class:`ErasureHeld` says why; the Office tries again once the duties are over.
    """
    with transaction.atomic():
        locked = _lock_open(request)
        if locked.kind != RequestKind.DELETION:
            raise PrivacyError(_("Only a deletion request erases data."))
        person = locked.user
        reasons = open_duties(person)
        if reasons:
            locked.state, locked.held_reason = RequestState.HELD, _held_text(reasons)
            locked.save(update_fields=["state", "held_reason"])
        else:
            counts = {source.key: source.erase(person) for source in personal_data.sources() if source.erase}
            locked.refresh_from_db()
            locked.state, locked.held_reason = RequestState.DONE, ""
            locked.handled_by, locked.handled_at = by, timezone.now()
            locked.response = _("Your data was deleted; the record of meetings and proposals keeps your role "
                                "and acts without your name.")
            locked.save()
            log.info("person %s erased on request %s by user %s: %s", person.pk, locked.pk, by.pk, counts)
            return locked
    raise ErasureHeld(locked.held_reason)


def requests_erase(user) -> int:
    """privacy's own source: the person's requests lose what they wrote; the requests stay, as the
    record that the Office answered."""
    return DataRequest.objects.filter(user=user).update(details="", held_reason="")


# --- Sign-in history --------------------------------------------------------------------------------

def sign_in_record(sender, request, user, **kwargs) -> None:
    """``user_logged_in``: one row of the person's sign-in history."""
    address, agent = None, ""
    if request is not None:
        from axes.helpers import get_client_ip_address  # its module needs the models loaded

        address = get_client_ip_address(request) or None
        agent = (request.META.get("HTTP_USER_AGENT") or "")[:255]
    SignInEvent.objects.create(user=user, address=address, user_agent=agent)


def sign_ins_sweep(before) -> int:
    return SignInEvent.objects.filter(at__lt=before).delete()[0]


def sign_ins_erase(user) -> int:
    return SignInEvent.objects.filter(user=user).delete()[0]


# --- Retention --------------------------------------------------------------------------------------

def retention_periods() -> list:
    """[(sweep, days)] for every registered kind of data, the Office's days or the default."""
    set_days = dict(RetentionPeriod.objects.values_list("key", "days"))
    return [(sweep, set_days.get(sweep.key, sweep.default_days)) for sweep in personal_data.sweeps()]


def retention_set(*, key, days) -> RetentionPeriod:
    if key not in {s.key for s in personal_data.sweeps()}:
        raise PrivacyError(_("Unknown kind of data."), field="key")
    if days < settings.PRIVACY_RETENTION_MIN_DAYS:
        raise PrivacyError(_("Keep data at least %(days)d days.") % {"days": settings.PRIVACY_RETENTION_MIN_DAYS},
                           field=key)
    period, _created = RetentionPeriod.objects.get_or_create(key=key, defaults={"days": days})
    if period.days != days:
        period.days = days
        period.save()
    return period


def retention_sweep(*, now=None) -> dict:
    """Delete what is older than each kind's period: {key: rows deleted}."""
    now = now or timezone.now()
    done = {}
    for sweep, days in retention_periods():
        done[sweep.key] = sweep.sweep(now - datetime.timedelta(days=days))
    log.info("retention sweep: %s", done)
    return done

