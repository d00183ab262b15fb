"""Every write of the annual reports: start, fill in, submit, accept, return.

A report's state moves only through :func:`_move`, against its own table of
allowed moves, and every move is kept as a :class:`ReportEvent` (append-only)
with a notification in the same transaction.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.annexes.uploads import inspect
from applications.enums import AttachmentKind
from applications.workflow import TransitionError

from . import notify
from .enums import ReportAction, ReportState
from .hooks import report_listeners
from .models import AnnualReport, IndicatorResult, InitiativeResult, ProgressReport, ReportEvent
from .permissions import can_decide_report, can_start_report, can_write_report
from .selectors import report_progress

S = ReportState
# (from state, action) -> to state: the report's own allowed moves.
REPORT_MOVES = {
    (S.DRAFT, ReportAction.SUBMIT): S.SUBMITTED,
    (S.RETURNED, ReportAction.SUBMIT): S.SUBMITTED,
    (S.SUBMITTED, ReportAction.ACCEPT): S.ACCEPTED,
    (S.SUBMITTED, ReportAction.RETURN): S.RETURNED,
}
# Evidence may be a PDF or a photo: what the map annex accepts, checked by content.
EVIDENCE_KIND = AttachmentKind.MAP


def _refused(message):
    return TransitionError(message, code="not_allowed")


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
                row.evidence.save(found.name, upload, save=False)
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


def _move(report, action, *, by, note=""):
    target = REPORT_MOVES.get((report.state, action))
    if target is None:
        raise _refused(
            _("“%(action)s” is not possible while the report is “%(state)s”.")
            % {"action": ReportAction(action).label, "state": report.get_state_display()}
        )
    event = ReportEvent.objects.create(
        report=report, action=action, from_state=report.state, to_state=target, actor=by, note=note.strip()
    )
    report.state = target
    return event


def report_submit(*, report, by) -> AnnualReport:
    with transaction.atomic():
        locked = _locked(report)
        if not can_write_report(by, locked):
            raise _refused(_("This report can no longer be changed."))
        problems = submission_problems(locked)
        if problems:
            raise TransitionError(" ".join(problems), code="guard", problems=problems)
        event = _move(locked, ReportAction.SUBMIT, by=by)
        locked.submitted_at = event.at
        locked.save(update_fields=["state", "submitted_at"])
        notify.report_event(event, audiences=("staff",))
    return locked


def report_return(*, report, by, note) -> AnnualReport:
    if not can_decide_report(by):
        raise _refused(_("Only the Smart City Office reviews reports."))
    if not (note or "").strip():
        raise ValidationError({"note": _("Write what the city should change.")})
    with transaction.atomic():
        locked = _locked(report)
        event = _move(locked, ReportAction.RETURN, by=by, note=note)
        locked.save(update_fields=["state"])
        notify.report_event(event, audiences=("proponents",))
    return locked


def report_accept(*, report, by, note="") -> AnnualReport:
    """Accept the report; its plan progress becomes the figure renewal is judged on."""
    if not can_decide_report(by):
        raise _refused(_("Only the Smart City Office reviews reports."))
    with transaction.atomic():
        locked = _locked(report)
        event = _move(locked, ReportAction.ACCEPT, by=by, note=note)
        progress = report_progress(locked)
        locked.decided_at = event.at
        locked.progress_percent = progress.shown
        if progress.shown is not None:
            locked.accepted_figure = ProgressReport.objects.create(
                proposal=locked.proposal,
                period_end=datetime.date(locked.year, 12, 31),
                progress_percent=progress.shown,
                summary=locked.summary,
                submitted_by=locked.created_by,
                submitted_at=locked.submitted_at or event.at,
            )
        locked.save(update_fields=["state", "decided_at", "progress_percent", "accepted_figure"])
        notify.report_event(event, audiences=("proponents",))
        for listener in report_listeners():
            listener(locked, event)
    return locked
