"""What the committees' work tells the apps above: listeners filled in their ``AppConfig.ready()``.

``reviews`` writes meetings and scores; who hears of it and how is not its business. The
notifications app registers here (as ``applications.hooks`` does for the workflow), so
reviews never imports the app that tells people. Listeners run inside the caller's
transaction: if one raises, the change is undone with whatever the others wrote, so a
meeting is never cancelled without its members being told, nor told of a change that
did not happen.

Events:
- ``meeting_postponed(meeting, *, previous_held_at, reason, by)``
- ``meeting_cancelled(meeting, *, reason, by)``
- ``scores_complete(proposal, *, assignments)``: the last evaluator of a proposal submitted.

Registering the same listener twice keeps one (``ready()`` may run again in tests).
"""

from collections.abc import Callable

EVENTS = ("meeting_postponed", "meeting_cancelled", "scores_complete")

_listeners: dict = {event: [] for event in EVENTS}


def listener_register(*, event: str, listener: Callable) -> None:
    if event not in _listeners:
        raise ValueError(f"unknown reviews event {event!r}; one of {EVENTS}")
    if listener not in _listeners[event]:
        _listeners[event].append(listener)


def listener_unregister(*, event: str, listener: Callable) -> None:
    if listener in _listeners.get(event, []):
        _listeners[event].remove(listener)


def emit(event: str, *args, **kwargs) -> list:
    """Call every listener of ``event``; returns what each returned (the rows written, say)."""
    return [listener(*args, **kwargs) for listener in list(_listeners[event])]
