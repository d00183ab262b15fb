"""Recording corrections: a mistake in the record is mended by a new row, never by overwriting.

What may be corrected, field by field (``CORRECTABLE``): a resolution's kind and text, a
member's attendance at a meeting whose items are closed, the reason of a declared conflict,
and a score or comment of a submitted evaluation (its frozen :class:`ScoreSubmission`).
Each correction stores the value that was wrong (the effective one when it was recorded)
beside the right one; the effective value is the latest correction of the field.

A correction of a resolution's kind does not move the proposal: a move goes through the
workflow (``applications.workflow``), separately, by whoever may make it.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.permissions import is_office_staff
from core.errors import DomainError

from ..enums import ResolutionKind
from ..models import Attendance, ConflictDeclaration, Correction, Resolution, ScoreSubmission, meeting_is_closed


class CorrectionError(DomainError):
    """A refused correction. ``code``: forbidden, invalid, unchanged, not_closed."""


def _text(value, *, required=False):
    if not isinstance(value, str):
        raise CorrectionError(_("Write the corrected text."), field="value")
    # Browsers send a textarea's lines ending in CRLF: the same text must not read as a correction.
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if required and not value:
        raise CorrectionError(_("Write the corrected text."), field="value")
    return value


def _kind(value):
    if value not in ResolutionKind.values:
        raise CorrectionError(_("Choose one of the kinds of resolution."), field="value")
    return value


def _present(value):
    if not isinstance(value, bool):
        raise CorrectionError(_("Say whether the member was present or absent."), field="value")
    return value


def _score(value):
    try:
        score = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise CorrectionError(_("A score is a number from 0 to 100."), field="value") from None
    if not score.is_finite() or score < 0 or score > 100 or score != score.quantize(Decimal("0.01")):
        raise CorrectionError(_("A score is a number from 0 to 100, with at most two decimals."), field="value")
    return str(score.quantize(Decimal("0.01")))


@dataclass(frozen=True)
class Field:
    label: str
    parse: object  # value -> the value as stored (JSON), or CorrectionError
    read: object  # target -> the value as recorded


def _entry(submission, sub_id):
    return next((e for e in submission.scores if str(e["subcriterion"]) == str(sub_id)), None)


# The fields of each kind of target that a correction may mend. A score submission's fields are
# named per sub-criterion ("score:12", "comment:12"), read from its frozen snapshot.
CORRECTABLE = {
    Resolution: {
        "kind": Field(gettext_lazy("kind of resolution"), _kind, lambda r: r.kind),
        "text": Field(gettext_lazy("text of the resolution"), lambda v: _text(v), lambda r: r.text),
    },
    Attendance: {"present": Field(gettext_lazy("present"), _present, lambda a: a.present)},
    ConflictDeclaration: {
        "reason": Field(gettext_lazy("reason for the conflict of interest"), lambda v: _text(v, required=True),
                        lambda c: c.reason),
    },
}
SCORE_FIELDS = {
    "score": (gettext_lazy("score"), _score),
    "comment": (gettext_lazy("comment"), lambda v: _text(v)),
}

# The foreign key of Correction that names each kind of target.
TARGET_FIELD = {Resolution: "resolution", Attendance: "attendance", ConflictDeclaration: "conflict",
                ScoreSubmission: "submission"}


def field_of(target, field) -> Field:
    """The correctable ``field`` of ``target`` (a :class:`Field`), or CorrectionError."""
    model = type(target)
    if model is ScoreSubmission:
        name, _sep, sub_id = field.partition(":")
        entry = _entry(target, sub_id) if sub_id else None
        if name in SCORE_FIELDS and entry is not None:
            label, parse = SCORE_FIELDS[name]
            return Field(f"{label}: {entry.get('name') or entry.get('code')}", parse,
                         lambda s, key=name, sid=sub_id: _entry(s, sid)[key])
    elif field in CORRECTABLE.get(model, {}):
        return CORRECTABLE[model][field]
    if model not in TARGET_FIELD:
        raise CorrectionError(_("This cannot be corrected here."))
    raise CorrectionError(_("This field cannot be corrected."), field="field")


def corrections_of(target):
    return Correction.objects.filter(**{TARGET_FIELD[type(target)]: target}).order_by("at", "id")


def effective(target, field):
    """The value of ``field`` now: its latest correction, else what was recorded."""
    latest = corrections_of(target).filter(field=field).last()
    return latest.value if latest is not None else field_of(target, field).read(target)


def _check_target(target):
    if isinstance(target, Attendance) and not meeting_is_closed(target.meeting_id):
        raise CorrectionError(
            _("No item of this meeting is closed yet: record the attendance again on the meeting's page."),
            code="not_closed",
        )


def correction_record(*, target, field, value, reason, by, meeting=None) -> Correction:
    """Record that ``field`` of ``target`` should read ``value``, because of ``reason``.

    Only the Office records corrections. ``meeting`` is the meeting whose resolution ordered
    it, if any (one that has taken place). Raises :class:`CorrectionError` with the reason
    in the reader's language when refused.
    """
    if not is_office_staff(by):
        raise CorrectionError(_("Only the Smart City Office records corrections."), code="forbidden")
    spec = field_of(target, field)
    reason = (reason or "").strip() if isinstance(reason, str) else ""
    if not reason:
        raise CorrectionError(_("Give the reason for the correction: it goes into the record."), field="reason")
    if meeting is not None and meeting.held_at > timezone.now():
        raise CorrectionError(
            _("Meeting no. %(label)s has not taken place yet, so it cannot have ordered a correction.")
            % {"label": meeting.label},
            field="meeting",
        )
    value = spec.parse(value)
    _check_target(target)
    with transaction.atomic():
        # The target's row is locked, so two corrections of it are recorded one after the other and
        # each one's "recorded value" is the one the other left.
        list(type(target).objects.select_for_update().filter(pk=target.pk).values_list("pk", flat=True))
        original = effective(target, field)
        if original == value:
            raise CorrectionError(
                _("The %(field)s already reads so: there is nothing to correct.") % {"field": spec.label},
                code="unchanged", field="value",
            )
        return Correction.objects.create(
            **{TARGET_FIELD[type(target)]: target}, field=field, original=original, value=value, reason=reason,
            by=by, ordered_by=meeting,
        )


def corrections_record(*, target, values, reason, by, meeting=None) -> list:
    """Record a correction of each field of ``values`` (field -> value) that differs from its
    effective value, all or none; refused if none differs."""
    if not is_office_staff(by):
        raise CorrectionError(_("Only the Smart City Office records corrections."), code="forbidden")
    changed = {f: v for f, v in values.items() if field_of(target, f).parse(v) != effective(target, f)}
    if not changed:
        raise CorrectionError(_("Nothing was changed: there is nothing to correct."), code="unchanged")
    with transaction.atomic():
        return [
            correction_record(target=target, field=f, value=v, reason=reason, by=by, meeting=meeting)
            for f, v in changed.items()
        ]
