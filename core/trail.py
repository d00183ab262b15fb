"""The audit trail made readable: one row per entry, each change as field, before, after.

auditlog keeps every value as text ("None", "True", "2025-03-08", a foreign key's id).
Here they become what a reader knows: choices' labels, yes/no, dates in the reader's
calendar (B.E. on Thai pages), the related object's name. The names of related objects
are read in one query per related model for the whole page, whatever its length.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .thai import local_date

NONE = "None"
LONGEST = 400  # characters of a long text shown; the entry keeps all of it


@dataclass
class FieldChange:
    label: str
    before: str
    after: str


@dataclass
class TrailRow:
    at: datetime.datetime
    when: str
    who: str
    action: int
    action_label: str
    what: str
    object_repr: str
    request_id: str
    address: str
    changes: list[FieldChange] = field(default_factory=list)


def _action_labels():
    from auditlog.models import LogEntry

    return {
        LogEntry.Action.CREATE: pgettext("trail", "created"),
        LogEntry.Action.UPDATE: pgettext("trail", "changed"),
        LogEntry.Action.DELETE: pgettext("trail", "deleted"),
        LogEntry.Action.ACCESS: pgettext("trail", "viewed"),
    }


def local_datetime(value: datetime.datetime) -> str:
    """``8 มีนาคม 2565 14:05`` on Thai pages, in Bangkok time."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{local_date(value)} {value:%H:%M}"


def _field(model, name):
    if model is None:
        return None
    try:
        f = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    # A reverse relation in an entry (a registration without include_fields) is shown as text.
    return f if getattr(f, "concrete", False) else None


def _is_key(f) -> bool:
    return f is not None and f.concrete and (f.many_to_one or f.one_to_one)


def _plain(change) -> bool:
    return isinstance(change, list | tuple) and len(change) == 2


def _related_names(entries) -> dict:
    """{(related model, stored id): name} for every foreign key the entries mention."""
    wanted: dict = {}
    for entry in entries:
        model = entry.content_type.model_class()
        for name, change in (entry.changes or {}).items():
            f = _field(model, name)
            if _is_key(f) and _plain(change):
                wanted.setdefault(f.related_model, set()).update(v for v in change if v not in (None, NONE, ""))
    names = {}
    for model, ids in wanted.items():
        pks = set()
        for value in ids:
            try:
                pks.add(model._meta.pk.to_python(value))
            except ValidationError:
                continue
        # select_related(): the non-null keys a name is usually made of come in the same query.
        for pk, obj in model._base_manager.select_related().in_bulk(pks).items():
            names[(model, str(pk))] = str(obj)
    return names


def _shown(f, value, names) -> str:
    if value is None or value == NONE:
        return "—"
    value = str(value)
    if f is None:
        return Truncator(value).chars(LONGEST)
    if _is_key(f):
        return names.get((f.related_model, value)) or _("no. %(id)s (since deleted)") % {"id": value}
    if f.choices:
        return str(dict((str(k), v) for k, v in f.flatchoices).get(value, value))
    if isinstance(f, models.BooleanField):
        return _("yes") if value == "True" else _("no") if value == "False" else value
    try:
        if isinstance(f, models.DateTimeField):
            # Kept naive in UTC (auditlog's diff), shown in local time.
            moment = datetime.datetime.fromisoformat(value)
            if timezone.is_naive(moment):
                moment = moment.replace(tzinfo=datetime.UTC)
            return local_datetime(moment)
        if isinstance(f, models.DateField):
            return local_date(datetime.date.fromisoformat(value))
    except ValueError:
        return value
    return Truncator(value).chars(LONGEST)


def _in_form_order(model, changes: dict) -> list:
    # The model's own order of fields (as its forms show them); names it no longer has go last.
    fields = [*model._meta.concrete_fields, *model._meta.many_to_many] if model is not None else []
    order = {f.name: i for i, f in enumerate(fields)}
    return sorted(changes.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))


def _changes(entry, names) -> list[FieldChange]:
    model = entry.content_type.model_class()
    out = []
    for name, change in _in_form_order(model, entry.changes or {}):
        f = _field(model, name)
        if f is not None and f.primary_key:
            continue  # the entry already names its object
        label = str(f.verbose_name) if f is not None else name
        if isinstance(change, dict) and change.get("type") == "m2m":
            objects = ", ".join(str(o) for o in change.get("objects", []))
            if change.get("operation") == "add":
                out.append(FieldChange(label, "—", "+ " + objects))
            else:
                out.append(FieldChange(label, objects, "− " + objects))
        elif _plain(change):
            out.append(FieldChange(label, _shown(f, change[0], names), _shown(f, change[1], names)))
    return out


def trail_rows(entries) -> list[TrailRow]:
    """Rows to show for ``entries`` (select_related("actor", "content_type") spares a query each)."""
    entries = list(entries)
    names = _related_names(entries)
    labels = _action_labels()
    rows = []
    for entry in entries:
        model = entry.content_type.model_class()
        rows.append(TrailRow(
            at=entry.timestamp,
            when=local_datetime(entry.timestamp),
            who=str(entry.actor) if entry.actor_id else (entry.actor_email or _("the system")),
            action=entry.action,
            action_label=labels.get(entry.action, str(entry.action)),
            what=str(model._meta.verbose_name) if model is not None else entry.content_type.model,
            object_repr=entry.object_repr,
            request_id=entry.cid or "",
            address=entry.remote_addr or "",
            changes=_changes(entry, names),
        ))
    return rows
