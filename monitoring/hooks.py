"""Monitoring's extension point: who hears of a report's moves, filled by the apps above it.

``listener(report, event)`` is called after each move of a report (the new state saved,
its ``ReportEvent`` written), inside the move's transaction. register clears its cached
pages when a report is accepted: the city's public page shows the accepted figures.
"""

_listeners: list = []


def report_listener_register(*, listener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def report_listener_unregister(*, listener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def report_listeners() -> tuple:
    return tuple(_listeners)
