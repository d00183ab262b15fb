"""Many members vote at once, twice, and while the chair closes the item (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection

from applications.enums import State
from reviews.models import AgendaItem, Resolution, Vote
from reviews.voting import selectors
from reviews.voting.services import VotingError, item_close, resolution_text, vote_cast

from .scenario import Item


def _together(calls):
    """Run each zero-argument call in its own thread and connection, released together."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait(timeout=20)
            results[i] = call()
        except VotingError as exc:
            results[i] = exc.code
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def _vote(item_pk, user, choice):
    def call():
        item = AgendaItem.objects.select_related("meeting__body", "proposal").get(pk=item_pk)
        vote_cast(item=item, member=user, choice=choice, reason="เหตุผลประกอบ")
        return "voted"

    return call


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_members_vote_at_once_each_exactly_once(on_postgres):
    s = Item(members=50)
    choices = ["approve", "in_principle", "not_approve", "abstain"]

    results = _together([_vote(s.item.pk, u, choices[i % 4]) for i, u in enumerate(s.members)])

    assert results == ["voted"] * 50
    stored = list(Vote.objects.filter(agenda_item=s.item).values_list("member_id", flat=True))
    assert len(stored) == 50 and set(stored) == {u.pk for u in s.members}
    assert selectors.tally(s.item).counts == {"approve": 13, "in_principle": 13, "not_approve": 12, "abstain": 12}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_double_submit_in_two_threads_keeps_one_vote(on_postgres):
    s = Item(members=3)
    member = s.others[0]

    results = _together([_vote(s.item.pk, member, "approve"), _vote(s.item.pk, member, "not_approve")])

    assert sorted(results) == ["duplicate", "voted"]
    votes = list(Vote.objects.filter(agenda_item=s.item).values_list("member_id", "choice"))
    assert len(votes) == 1 and votes[0][0] == member.pk
    first = "approve" if results[0] == "voted" else "not_approve"
    assert votes[0][1] == first


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_closing_while_votes_arrive_leaves_a_consistent_count(on_postgres):
    s = Item(members=40)
    # Enough approvals before the race that the close always has an outcome.
    for user in s.members[:5]:
        vote_cast(item=s.item, member=user, choice="approve")

    def close():
        item = AgendaItem.objects.select_related("meeting__body", "proposal").get(pk=s.item.pk)
        return item_close(item=item, by=s.chair).pk

    late = s.members[5:]
    calls = [_vote(s.item.pk, u, "approve" if i % 2 else "not_approve") for i, u in enumerate(late)]
    calls.insert(len(calls) // 2, close)
    results = _together(calls)

    resolution = Resolution.objects.get(proposal=s.proposal, meeting=s.meeting)
    assert results[len(late) // 2] == resolution.pk
    votes_results = results[: len(late) // 2] + results[len(late) // 2 + 1:]
    assert set(votes_results) <= {"voted", "closed"}
    item = AgendaItem.objects.select_related("meeting__body", "proposal").get(pk=s.item.pk)
    stored = Vote.objects.filter(agenda_item=item)
    # Every vote stored was cast before the close; every one refused came after it.
    assert stored.count() == 5 + votes_results.count("voted")
    assert not stored.filter(cast_at__gt=item.closed_at).exists()
    # The resolution's tally is exactly the votes stored.
    assert resolution.text == resolution_text(selectors.tally(item))
    assert resolution.kind == selectors.tally(item).outcome
    item.proposal.refresh_from_db()
    assert item.proposal.status in (State.APPROVED, State.REJECTED)
