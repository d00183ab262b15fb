"""Reading corrections: the target a page corrects (the Office's only) and corrections as shown."""

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404

from accounts.permissions import is_office_staff
from applications.permissions import dossier_visible

from ..models import Attendance, ConflictDeclaration, Correction, Resolution, ScoreSubmission
from ..record_models import shown
from .services import CORRECTABLE, TARGET_FIELD, CorrectionError, field_of

# The kinds of target in the correction page's address.
KINDS = {
    "resolution": (Resolution, ("meeting__body", "proposal")),
    "attendance": (Attendance, ("meeting__body", "member")),
    "conflict": (ConflictDeclaration, ("agenda_item__meeting__body", "agenda_item__proposal", "member")),
    "submission": (ScoreSubmission, ("assignment__proposal", "assignment__dimension", "assignment__evaluator")),
}
KIND_OF = {model: kind for kind, (model, _related) in KINDS.items()}


def get_target(user, kind, pk):
    """The row ``kind``/``pk`` to correct; 404 for anyone but the Office, as for a row that does not exist."""
    if not is_office_staff(user) or kind not in KINDS:
        raise Http404
    model, related = KINDS[kind]
    try:
        target = model.objects.select_related(*related).get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    # The dossier rule: an officer who declared a conflict on the proposal gets nothing of it here.
    proposal = _proposal_of(target)
    if proposal is not None and not dossier_visible(user, proposal):
        raise Http404
    return target


def _proposal_of(target):
    if isinstance(target, Resolution):
        return target.proposal
    if isinstance(target, ConflictDeclaration):
        return target.agenda_item.proposal
    if isinstance(target, ScoreSubmission):
        return target.assignment.proposal
    return None  # attendance is of a meeting, not of one proposal


@dataclass
class Shown:
    correction: Correction
    what: str  # the field, and whose it is where the page does not say
    original: str
    value: str


def _person(user) -> str:
    return user.get_full_name() or user.username


def _label(correction) -> str:
    # Resolutions, attendance and conflicts name their fields alike: no need to load the target.
    for model, name in TARGET_FIELD.items():
        if getattr(correction, f"{name}_id") is not None and model in CORRECTABLE:
            spec = CORRECTABLE[model].get(correction.field)
            return str(spec.label) if spec else correction.field
    try:
        return str(field_of(correction.target, correction.field).label)
    except CorrectionError:
        return correction.field


def described(correction, *, whose=False) -> Shown:
    label = _label(correction)
    if whose and correction.attendance_id:
        label = f"{_person(correction.attendance.member)}: {label}"
    elif whose and correction.conflict_id:
        label = f"{_person(correction.conflict.member)}: {label}"
    return Shown(correction, label, shown(correction.field, correction.original),
                 shown(correction.field, correction.value))


def _rows():
    return Correction.objects.select_related("by", "ordered_by__body").order_by("at", "id")


def resolution_corrections(resolution) -> list:
    """The corrections of one resolution, oldest first, as shown."""
    if resolution is None:
        return []
    return [described(c) for c in _rows().filter(resolution=resolution)]


def item_corrections(item) -> list:
    """The corrections of an agenda item's resolution and of the conflicts declared on it."""
    rows = _rows().select_related("conflict__member", "attendance__member").filter(
        Q(conflict__agenda_item=item) | Q(resolution__isnull=False, resolution_id=item.resolution_id)
    )
    return [described(c, whose=True) for c in rows]


def meeting_corrections(meeting, *, resolutions=True) -> list:
    """Every correction of the meeting's record: its attendance, conflicts and (optionally) resolutions."""
    where = Q(attendance__meeting=meeting) | Q(conflict__agenda_item__meeting=meeting)
    if resolutions:
        where |= Q(resolution__meeting=meeting)
    rows = _rows().select_related("attendance__member", "conflict__member", "conflict__agenda_item").filter(where)
    return [described(c, whose=True) for c in rows]
