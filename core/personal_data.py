"""What each app holds about a person, and how it gives it back or forgets it (PDPA, issue 20).

The ``privacy`` app sits above every other and answers a person's requests: a copy of their
data, its erasure, and the retention sweep. It learns where the data lives from this registry,
which each app fills in its ``AppConfig.ready()`` (an app never imports ``privacy``):

- sources: one per kind of personal data (``Source``): ``export(user)`` gives JSON-ready data,
  ``erase(user)`` deletes it or anonymises it where the record must be kept, and ``models``
  names the models it answers for, so a test can check that every model pointing at a person
  is answered for by some source;
- duties: ``predicate(user)`` -> the reasons (messages) why a person cannot be erased now, for
  example a seat on a body with a meeting still open; the request then waits;
- sweeps: one per kind of data kept only for a time (``Sweep``): ``sweep(before)`` deletes what
  is older than ``before`` and says how many rows went; the periods are the Office's to set.

Sources run in the order of their ``order`` (lower first) when a person is erased: the rows that
go are deleted before the person's own row is anonymised (``accounts``, last).
Registering the same key twice keeps the last (``ready()`` may run again in tests).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    key: str  # "reviews.votes": the section's name in a person's export
    label: str  # lazy: what the section is, for people
    export: Callable  # export(user) -> list or dict, JSON-ready
    erase: Callable | None = None  # erase(user) -> number of rows deleted or changed
    models: tuple = ()  # "app_label.Model" labels whose personal data this source answers for
    order: int = 50


@dataclass(frozen=True)
class Sweep:
    key: str  # "notifications": the retention period's name
    label: str  # lazy
    sweep: Callable  # sweep(before: datetime) -> number of rows deleted
    default_days: int = 365


_sources: dict[str, Source] = {}
_duties: list[Callable] = []
_sweeps: dict[str, Sweep] = {}


def source_register(source: Source) -> None:
    _sources[source.key] = source


def sources() -> list[Source]:
    return sorted(_sources.values(), key=lambda s: (s.order, s.key))


def duty_register(*, predicate) -> None:
    """``predicate(user)`` -> a list of messages: why erasing ``user`` must wait (empty: it need not)."""
    if predicate not in _duties:
        _duties.append(predicate)


def duties() -> tuple:
    return tuple(_duties)


def sweep_register(sweep: Sweep) -> None:
    _sweeps[sweep.key] = sweep


def sweeps() -> list[Sweep]:
    return sorted(_sweeps.values(), key=lambda s: s.key)


def iso(value):
    """A date or time as ISO 8601 text for JSON (None stays None)."""
    return value.isoformat() if value is not None else None
