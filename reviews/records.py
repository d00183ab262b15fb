"""The pieces that keep the committees' record unwritten-over in Python (issue 14, "closed means closed").

The database says the same with triggers (smartcity/migrations/0002_record_guards.py); these
make SQLite (development) and every ORM path refuse early, with a message a page can show.
A mistake in the record is mended by a :class:`reviews.models.Correction`, never an overwrite.
"""

from django.db import models
from django.utils.translation import gettext_lazy

from core.errors import DomainError

# Why a row that is now part of the record refuses a change (shown on pages as they are).
LOCKED = {
    "record": gettext_lazy(
        "This is part of the record: it cannot be changed or deleted. Record a correction instead."
    ),
    "item": gettext_lazy("This agenda item is closed: it stands as recorded. Record a correction instead."),
    "score": gettext_lazy(
        "These scores have been submitted: they stand as submitted. The Office may reopen them "
        "(the reopening is recorded) or record a correction."
    ),
    "attendance": gettext_lazy(
        "An item of this meeting is closed: the attendance it was decided with stands as recorded. "
        "Record a correction instead."
    ),
}


class RecordError(DomainError, PermissionError):
    """A write that would rewrite the record. A ``PermissionError`` too, as the history's refusals are,
    so callers that already catch those (and tests that expect them) keep working."""

    default_code = "closed"


def _refuse(message=None):
    raise RecordError(message or LOCKED["record"])


class AppendOnlyQuerySet(models.QuerySet):
    """No bulk update or delete of rows that are the record (model ``save``/``delete`` are closed apart)."""

    def update(self, **kwargs):
        _refuse()

    def delete(self):
        _refuse()

    def bulk_update(self, objs, fields, batch_size=None):
        _refuse()


class AppendOnly(models.Model):
    """A row written once: saving it again or deleting it is refused."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            _refuse()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _refuse()


class LockedOnceRecorded(models.Model):
    """A row that may change until it becomes part of the record (``record_locked()``), then never.

    One query per save or delete of a saved row: these rows are written by hand, a few at a time.
    """

    locked_message = LOCKED["record"]

    class Meta:
        abstract = True

    def record_locked(self) -> bool:
        raise NotImplementedError

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding and self.record_locked():
            _refuse(self.locked_message)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.pk is not None and self.record_locked():
            _refuse(self.locked_message)
        return super().delete(*args, **kwargs)
