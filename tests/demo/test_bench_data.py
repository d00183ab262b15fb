"""generate_bench_data: believable proposals in every state, whose history the workflow's table explains."""

from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from applications.enums import State
from applications.models import Proposal, StatusChange
from applications.workflow import TABLE
from demo import benchdata

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # thousands of generated proposals


def test_refuses_without_debug_or_force(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("generate_bench_data", proposals=5)
    assert not Proposal.objects.exists()


def test_makes_proposals_whose_history_follows_the_table(settings, capsys):
    settings.DEBUG = True
    call_command("generate_bench_data", proposals=400, batch=150, seed=7)
    out = capsys.readouterr()
    assert "made 400 proposals" in out.out
    assert "400/400 proposals" in out.err  # the progress bar
    made = list(benchdata.bench_proposals().prefetch_related("history", "provinces", "plans__indicators"))
    assert len(made) == 400
    states = Counter(p.status for p in made)
    assert len(states) >= 12, states  # nearly every state of the path, final ones included
    assert states[State.CERTIFIED] > 40
    rows = 0
    for p in made:
        history = sorted(p.history.all(), key=lambda c: (c.at, c.pk))
        rows += len(history)
        assert history[0].to_state == State.DRAFT and history[0].from_state == ""
        for before, change in zip(history, history[1:], strict=False):
            assert change.from_state == before.to_state
            assert TABLE[(change.from_state, change.action)].target == change.to_state
            assert change.at >= before.at
        assert p.status == history[-1].to_state
        assert p.created_at == history[0].at
        assert p.provinces.count() == 1
        plans = list(p.plans.all())
        assert "ENV" in {plan.dimension.code for plan in plans} and len(plans) >= 2
        assert all(plan.indicators.all() for plan in plans)
        if p.status == State.CERTIFIED:
            assert p.certificate_number and p.valid_until > p.certified_on
    assert rows / len(made) > 7  # about ten rows each
    decided = StatusChange.objects.filter(to_state=State.APPROVED, proposal__in=made)
    assert decided.exists() and not decided.filter(resolution_id__isnull=True).exists()

    with pytest.raises(CommandError, match="--clear"):
        call_command("generate_bench_data", proposals=10)
    call_command("generate_bench_data", proposals=10, clear=True)
    assert benchdata.bench_proposals().count() == 10


def test_the_register_shows_the_bench_data(settings, client):
    settings.DEBUG = True
    call_command("generate_bench_data", proposals=60, seed=3)
    certified = benchdata.bench_proposals().filter(status=State.CERTIFIED).first()
    response = client.get("/register/", {"q": certified.name_th})
    assert certified.name_th in response.content.decode()
    assert client.get(f"/register/cities/{certified.pk}/").status_code == 200


def test_makes_the_page_benchmarks_people_with_their_loads(settings, capsys):
    from accounts.models import Membership
    from demo import benchpeople
    from reviews.models import BodyMembership, EvaluatorAssignment, Meeting

    settings.DEBUG = True
    call_command("generate_bench_data", proposals=600, batch=300, seed=5)
    out = capsys.readouterr().out
    org = Membership.objects.get(user__username=benchpeople.PROPONENT).organisation_id
    assert f"organisation {org} with" in out
    assignments = EvaluatorAssignment.objects.filter(evaluator__username=benchpeople.EVALUATOR)
    made = assignments.count()
    assert 0 < made <= benchpeople.ASSIGNMENTS
    assert made == assignments.values("proposal").distinct().count()  # one dimension a proposal
    assert assignments.filter(submitted_at__isnull=False).exists()
    seats = dict(
        BodyMembership.objects.filter(user__username__startswith="bench-").values_list("user__username", "role")
    )
    assert seats == {benchpeople.CHAIR: "chair", benchpeople.MEMBER: "member", benchpeople.COMMITTEE_MEMBER: "member"}
    upcoming = Meeting.objects.get(created_by__username="bench-office", held_at__gt=timezone.now())
    assert upcoming.agenda.filter(closed_at__isnull=True).count() == upcoming.agenda.count() > 0

    # Again on the same data: nothing is made twice (the evaluator's load is only topped up to 200).
    call_command("generate_bench_data", people_only=True)
    assert made <= assignments.count() <= benchpeople.ASSIGNMENTS
    assert BodyMembership.objects.filter(user__username__startswith="bench-").count() == 3
    assert Meeting.objects.filter(created_by__username="bench-office", held_at__gt=timezone.now()).count() == 1

    # --clear removes them with the rest (the run after it seats them again: 3 seats, not 6).
    call_command("generate_bench_data", proposals=10, clear=True)
    assert BodyMembership.objects.filter(user__username__startswith="bench-").count() == 3
    assert Membership.objects.filter(user__username=benchpeople.PROPONENT).count() == 1
