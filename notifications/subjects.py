"""What an inbox row is about, filled in by the app that owns it (issue 13).

A row names the meeting it is about by a plain id (``Notification.meeting_id``): the outbox
does not point at the apps above it. The inbox still says when that meeting was cancelled
instead of linking to it: ``reviews`` registers a filler in its ``AppConfig.ready()`` that sets
``note.meeting`` on a page of rows with one query. Registering the same filler twice keeps one.
"""

from collections.abc import Callable

_fillers: list = []


def subject_register(*, fill: Callable) -> None:
    """``fill(notes)`` sets its attributes on each of ``notes`` (a list of Notification rows)."""
    if fill not in _fillers:
        _fillers.append(fill)


def subject_unregister(*, fill: Callable) -> None:
    if fill in _fillers:
        _fillers.remove(fill)


def subjects_fill(notes) -> list:
    notes = list(notes)
    for fill in _fillers:
        fill(notes)
    return notes
