"""privacy's own part of a person's data (core/personal_data.py): their answers to the notice, their
requests, their sign-in history; and the sweep of the sign-in history."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.personal_data import Source, Sweep, iso, source_register, sweep_register

from . import services
from .models import Acknowledgement, DataRequest, PrivacyNotice, SignInEvent


def notice_export(user) -> dict:
    answers = Acknowledgement.objects.filter(user=user).select_related("notice").order_by("at", "pk")
    return {
        "answers": [{"version": a.notice.version, "accepted": a.accepted, "language": a.language, "at": iso(a.at)}
                    for a in answers],
        "versions_published": list(PrivacyNotice.objects.filter(published_by=user).values_list("version", flat=True)),
    }


def requests_export(user) -> list:
    rows = DataRequest.objects.filter(Q(user=user)).order_by("created_at", "pk")
    return [{"kind": r.kind, "details": r.details, "state": r.state, "asked": iso(r.created_at),
             "due": iso(r.due_on), "answer": r.response, "answered": iso(r.handled_at)} for r in rows]


def sign_ins_export(user) -> list:
    rows = SignInEvent.objects.filter(user=user).order_by("at", "pk")
    return [{"at": iso(s.at), "address": s.address, "browser": s.user_agent} for s in rows]


def register() -> None:
    source_register(Source("privacy.notice", _("Your answers to the privacy notice"), notice_export,
                           models=("privacy.Acknowledgement", "privacy.PrivacyNotice")))
    source_register(Source("privacy.requests", _("Your requests about your data"), requests_export,
                           services.requests_erase, models=("privacy.DataRequest",)))
    source_register(Source("privacy.sign_ins", _("Sign-in history"), sign_ins_export, services.sign_ins_erase,
                           models=("privacy.SignInEvent",)))
    sweep_register(Sweep("sign_ins", _("Sign-in history (days after the sign-in)"), services.sign_ins_sweep,
                         default_days=180))
