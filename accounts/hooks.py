"""What the apps above ``accounts`` tell it about people.

- deciders: whether a person takes part in deciding on proposals through an app above
  (reviews: a seat on a body, as chair, secretary or member). ``accounts.permissions.decides``
  reads them after the flags accounts knows itself (Office staff, admin users, evaluators);
  the people who decide sign in with a second factor (accounts/second_factor.py).

Registering the same predicate twice keeps one (``ready()`` may run again in tests).
"""

from collections.abc import Callable

_deciders: list[Callable] = []


def decider_register(*, predicate) -> None:
    """``predicate(user)`` -> True when ``user`` (signed in) decides through the registering app."""
    if predicate not in _deciders:
        _deciders.append(predicate)


def decider_unregister(*, predicate) -> None:
    if predicate in _deciders:
        _deciders.remove(predicate)


def deciders() -> tuple:
    return tuple(_deciders)
