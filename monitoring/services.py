"""Every write of the annual reports: start, fill in, submit, accept, return.

A report's state moves only through :func:`report_move`, against its own table of
allowed moves (``REPORT_MOVES``, the same shape as the proposal's ``workflow.MOVES``),
and every move is kept as a :class:`ReportEvent` (append-only) with a notification and
the listeners of ``monitoring.hooks`` in the same transaction.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.annexes.uploads import inspect
from applications.enums import AttachmentKind
from core.errors import DomainError

from . import notify
from .enums import ReportAction, ReportState
from .hooks import report_listeners
from .models import AnnualReport, IndicatorResult, InitiativeResult, ProgressReport, ReportEvent
from .permissions import can_decide_report, can_start_report, can_write_report
from .selectors import report_progress

S = ReportState
# Evidence may be a PDF or a photo: what the map annex accepts, checked by content.
EVIDENCE_KIND = AttachmentKind.MAP


class ReportError(DomainError):
    """A refused action on an annual report: the report's own family, beside the proposal's
    ``TransitionError``. ``code`` is ``not_allowed`` (not theirs, or not from this state) or
    ``guard`` (``problems`` lists what the report still lacks)."""


def _refused(message):
    return ReportError(message, code="not_allowed")


def report_start(*, proposal, by, year) -> AnnualReport:
    """Open the report of ``year`` for a certified city, with a row per indicator and initiative."""
    if not can_start_report(by, proposal):
        raise _refused(_("Only the city's own proponents may report while it is certified."))
    first = proposal.certified_on.year if proposal.certified_on else year
    if not first <= year <= timezone.localdate().year:
        raise ValidationError({"year": _("Choose a year from certification to this year.")})
    try:
        with transaction.atomic():
            report = AnnualReport.objects.create(proposal=proposal, year=year, created_by=by)
            indicators = [i for plan in proposal.plans.all() for i in plan.indicators.all()]
            IndicatorResult.objects.bulk_create(IndicatorResult(report=report, indicator=i) for i in indicators)
            initiatives = [i for plan in proposal.plans.all() for i in plan.initiatives.all()]
            InitiativeResult.objects.bulk_create(InitiativeResult(report=report, initiative=i) for i in initiatives)
            ReportEvent.objects.create(
                report=report, action=ReportAction.START, from_state="", to_state=S.DRAFT, actor=by
            )
    except IntegrityError:
        raise ValidationError({"year": _("The report for this year has already been started.")}) from None
    return report


def _locked(report):
    return AnnualReport.objects.select_for_update().select_related("proposal").get(pk=report.pk)


def report_save(*, report, by, summary, indicators, initiatives, evidence=None) -> AnnualReport:
    """Save what was typed: ``indicators`` {result pk: (value, comment)}, ``initiatives``
    {result pk: (status, spent, comment)}, ``evidence`` {result pk: upload}.

    Files are checked by content before anything is written; a refused file
    raises ValidationError keyed ``evidence-<pk>`` and nothing is saved.
    """
    checked = {}
    errors = {}
    for pk, upload in (evidence or {}).items():
        try:
            checked[pk] = (inspect(upload, kind=EVIDENCE_KIND), upload)
        except ValidationError as exc:
            errors[f"evidence-{pk}"] = exc.messages
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked(report)
        if not can_write_report(by, locked):  # submitted meanwhile, or not theirs
            raise _refused(_("This report can no longer be changed."))
        locked.summary = summary
        locked.save(update_fields=["summary"])
        for row in locked.results.all():
            if row.pk in indicators:
                row.value, row.comment = indicators[row.pk]
            if row.pk in checked:
                found, upload = checked[row.pk]
                old = row.evidence.name if row.evidence else None
                row.evidence.save(found.name, found.content, save=False)  # a PDF's rewritten copy
                row.evidence_name, row.evidence_type, row.evidence_sha256 = (
                    found.name,
                    found.content_type,
                    found.sha256,
                )
                if old:  # replaced before submission: nobody has judged the old file
                    transaction.on_commit(lambda name=old, storage=row.evidence.storage: storage.delete(name))
            row.save()
        for row in locked.initiatives.all():
            if row.pk in initiatives:
                row.status, row.spent_thb, row.comment = initiatives[row.pk]
                row.save()
    return locked


def submission_problems(report) -> list:
    """What a report still lacks before it can be submitted."""
    problems = []
    for row in report.results.select_related("indicator"):
        if row.value is None and not row.comment.strip():
            problems.append(
                _("%(indicator)s: give the value reached, or say in the comment why it is missing.")
                % {"indicator": row.indicator.name}
            )
    return problems


def _record_figure(report, event) -> list:
    """Accepting: the plan's progress becomes the figure renewal is judged on (a ProgressReport)."""
    progress = report_progress(report)
    report.progress_percent = progress.shown
    if progress.shown is not None:
        report.accepted_figure = ProgressReport.objects.create(
            proposal=report.proposal,
            period_end=datetime.date(report.year, 12, 31),
            progress_percent=progress.shown,
            summary=report.summary,
            submitted_by=report.created_by,
            submitted_at=report.submitted_at or event.at,
        )
    return ["progress_percent", "accepted_figure"]


@dataclass(frozen=True)
class ReportMove:
    action: ReportAction
    sources: tuple
    target: ReportState
    # The Office decides (checked first); otherwise the city's proponents, while they may write.
    by_office: bool
    audiences: tuple
    needs_note: bool = False
    guard: Callable | None = None
    stamp: str | None = None  # the report's field dated by the move
    effect: Callable | None = None  # (report, event) -> the fields it changed


REPORT_MOVES = (
    ReportMove(ReportAction.SUBMIT, (S.DRAFT, S.RETURNED), S.SUBMITTED, by_office=False, audiences=("staff",),
               guard=submission_problems, stamp="submitted_at"),
    ReportMove(ReportAction.ACCEPT, (S.SUBMITTED,), S.ACCEPTED, by_office=True, audiences=("proponents",),
               stamp="decided_at", effect=_record_figure),
    ReportMove(ReportAction.RETURN, (S.SUBMITTED,), S.RETURNED, by_office=True, audiences=("proponents",),
               needs_note=True),
)
# (from state, action) -> move: the report's own allowed moves.
REPORT_TABLE = {(source, move.action): move for move in REPORT_MOVES for source in move.sources}
_BY_ACTION = {move.action: move for move in REPORT_MOVES}


def report_move(*, report, action, by, note="") -> AnnualReport:
    """Make one move of a report, or raise and change nothing."""
    move = _BY_ACTION[ReportAction(action)]
    if move.by_office and not can_decide_report(by):
        raise _refused(_("Only the Smart City Office reviews reports."))
    if move.needs_note and not (note or "").strip():
        raise ValidationError({"note": _("Write what the city should change.")})
    with transaction.atomic():
        locked = _locked(report)
        if not move.by_office and not can_write_report(by, locked):  # submitted meanwhile, or not theirs
            raise _refused(_("This report can no longer be changed."))
        problems = move.guard(locked) if move.guard else []
        if problems:
            raise ReportError(" ".join(problems), code="guard", problems=problems)
        if (locked.state, move.action) not in REPORT_TABLE:
            raise _refused(
                _("“%(action)s” is not possible while the report is “%(state)s”.")
                % {"action": move.action.label, "state": locked.get_state_display()}
            )
        event = ReportEvent.objects.create(
            report=locked, action=move.action, from_state=locked.state, to_state=move.target, actor=by,
            note=(note or "").strip(),
        )
        locked.state = move.target
        fields = ["state"]
        if move.stamp:
            setattr(locked, move.stamp, event.at)
            fields.append(move.stamp)
        if move.effect:
            fields += move.effect(locked, event)
        locked.save(update_fields=fields)
        notify.report_event(event, audiences=move.audiences)
        for listener in report_listeners():
            listener(locked, event)
    return locked


def report_submit(*, report, by) -> AnnualReport:
    return report_move(report=report, action=ReportAction.SUBMIT, by=by)


def report_return(*, report, by, note) -> AnnualReport:
    return report_move(report=report, action=ReportAction.RETURN, by=by, note=note)


def report_accept(*, report, by, note="") -> AnnualReport:
    """Accept the report; its plan progress becomes the figure renewal is judged on."""
    return report_move(report=report, action=ReportAction.ACCEPT, by=by, note=note)
