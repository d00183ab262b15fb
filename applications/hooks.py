"""The workflow's extension points: what the apps above ``applications`` plug into it.

``applications`` is the bottom of the domain and imports none of the apps above it
(reviews, monitoring, notifications, register). They fill these registries in their
``AppConfig.ready()``:

- involvements: how a signed-in person takes part in proposals other than through their
  own organisation (an evaluator's assignments, a body's agenda). Each one gives the roles
  it grants on one proposal *and* the same relation as a filter over proposals, side by
  side, so "who may see it" (the selectors) and "who may move it" (the workflow) are read
  from one place;
- guards: extra conditions of one action (the scores before a recommendation, the accepted
  progress before a renewal), judged with the move's own guard wherever moves are judged;
- listeners: called after each move with the new history row and who hears of the move
  (the table's ``Move.notify``), inside the move's transaction: if one raises, the move is
  undone with everything the others wrote (the outbox rows and the move are written
  together, or neither);
- decisions: what records the decisions of the moves a meeting decides (``Move.resolution``:
  reviews' resolutions). The workflow finds one by id, asks whether it decides the move,
  and offers the ones that would to pick from; the history links it generically.

Registering the same thing twice keeps one (``ready()`` may run again in tests).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Involvement:
    """One way a signed-in person takes part in proposals.

    ``roles(user, proposal, on)`` -> the set of ``Role`` it gives ``user`` on one saved proposal;
    ``proposals(user, on)`` -> a ``Q`` over ``Proposal``: the proposals on which it gives one.
    """

    roles: Callable
    proposals: Callable


@dataclass(frozen=True)
class Decisions:
    """What decides the moves a meeting decides.

    ``get(pk, proposal)`` -> the decision with this id taken on ``proposal``, or ``None``;
    ``fits(decision, proposal, rule)`` -> whether it decides the move ruled by ``rule``
    (a ``workflow.ResolutionRule``) for ``proposal``;
    ``candidates(rule, proposals)`` -> ``{proposal pk: [decisions that fit, newest first]}``;
    ``problems(decision, proposal, when)`` -> what keeps a decision that fits from deciding a
    move dated ``when`` (a meeting not held yet, dates out of order), as messages; optional.
    """

    get: Callable
    fits: Callable
    candidates: Callable
    problems: Callable | None = None


@dataclass(frozen=True)
class Withholding:
    """One reason the dossier of a proposal is kept from a person, whatever role they hold on it.

    ``withheld(user, proposal)`` -> whether it keeps ``proposal``'s dossier from ``user``;
    ``proposals(user)`` -> a ``Q`` over ``Proposal``: the proposals it keeps from ``user``;
    ``users(proposal)`` -> a ``Q`` over users: the people it keeps ``proposal``'s dossier from.
    """

    withheld: Callable
    proposals: Callable
    users: Callable


_involvements: list = []
_withholdings: list = []
_guards: dict = {}
_listeners: list = []
_decisions: list = []


def _add(items: list, item):
    if item not in items:
        items.append(item)
    return item


def _discard(items: list, item):
    if item in items:
        items.remove(item)


def involvement_register(*, roles, proposals) -> Involvement:
    return _add(_involvements, Involvement(roles=roles, proposals=proposals))


def involvement_unregister(*, involvement) -> None:
    _discard(_involvements, involvement)


def involvements() -> tuple:
    return tuple(_involvements)


def withholding_register(*, withheld, proposals, users) -> Withholding:
    return _add(_withholdings, Withholding(withheld=withheld, proposals=proposals, users=users))


def withholding_unregister(*, withholding) -> None:
    _discard(_withholdings, withholding)


def withholdings() -> tuple:
    return tuple(_withholdings)


def guard_register(*, action, guard) -> None:
    """``guard(proposal)`` -> the list of what ``action`` still lacks (empty: ready)."""
    _add(_guards.setdefault(str(action), []), guard)


def guard_unregister(*, action, guard) -> None:
    _discard(_guards.get(str(action), []), guard)


def guards_of(action) -> tuple:
    return tuple(_guards.get(str(action), ()))


def listener_register(*, listener) -> None:
    """``listener(change, audiences=...)``: called inside the move's transaction, after the history row
    (and the version a hand-in freezes) is written. ``audiences`` is the move's ``notify``."""
    _add(_listeners, listener)


def listener_unregister(*, listener) -> None:
    _discard(_listeners, listener)


def listeners() -> tuple:
    return tuple(_listeners)


def decisions_register(*, get, fits, candidates, problems=None) -> Decisions:
    """There is one source of decisions: registering another replaces it."""
    _decisions[:] = [Decisions(get=get, fits=fits, candidates=candidates, problems=problems)]
    return _decisions[0]


def decisions() -> Decisions:
    if not _decisions:
        raise ImproperlyConfigured("No app registered the decisions of meetings (reviews does, in its ready()).")
    return _decisions[0]
