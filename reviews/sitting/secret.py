"""The secret ballot: one participation (who voted) and one ballot (what was chosen), unlinkable.

Both rows are written in the caller's transaction (the vote is all or nothing). Neither has a
time; both have random keys, so no key, order or timestamp pairs a ballot with its voter. The
ballot is left out of the audit trail and of every log line; the pages, the API, the minutes and
the evidence pack show only the participants and the counts per choice.
"""

from collections import Counter

from django.db import IntegrityError, transaction

from ..enums import VoteChoice
from ..models import SecretBallot, SecretParticipation


class AlreadyVoted(Exception):
    """The member has taken part in this secret ballot already."""


def ballot_cast(*, item, member, choice) -> SecretParticipation:
    """Record that ``member`` voted on ``item`` and, apart, the ``choice``. Raises :class:`AlreadyVoted`."""
    try:
        with transaction.atomic():
            participation = SecretParticipation.objects.create(agenda_item=item, member=member)
    except IntegrityError:
        raise AlreadyVoted() from None
    SecretBallot.objects.create(agenda_item=item, choice=VoteChoice(choice).value)
    return participation


def counts(item) -> dict:
    """``{choice value: number}`` of the secret ballots on ``item`` (one query)."""
    counted = Counter(SecretBallot.objects.filter(agenda_item=item).values_list("choice", flat=True))
    return {c.value: counted.get(c.value, 0) for c in VoteChoice}


def participants(item) -> list:
    """The members who voted in the secret ballot, by name (never in the order they voted)."""
    rows = SecretParticipation.objects.filter(agenda_item=item).select_related("member")
    return sorted((p.member for p in rows), key=lambda u: (u.get_full_name() or u.username, u.pk))
