"""Staff assign evaluators per claimed dimension, on the proposal's latest frozen version."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import ProposalVersion
from dimensions.models import Dimension
from reviews.evaluation import services
from reviews.models import EvaluatorAssignment
from tests import paths
from tests.factories import EvaluatorFactory, StaffFactory, UserFactory

from .helpers import assign, assign_on_page, in_evaluation, score

pytestmark = pytest.mark.django_db


def due(days=14):
    return timezone.localdate() + datetime.timedelta(days=days)


def test_assign_page_records_latest_version(client):
    proposal = in_evaluation()
    latest = ProposalVersion.objects.filter(proposal=proposal).order_by("-number").first()
    assert latest.number == 2  # submitted, then the full plan
    staff = StaffFactory()
    first, second = EvaluatorFactory(), EvaluatorFactory()
    client.force_login(staff)
    response = assign_on_page(client, proposal, {
        "dim_ENV": [first.pk, second.pk], "dim_MOB": [first.pk], "due_on": due().isoformat(),
    })
    assert response.status_code == 302
    rows = EvaluatorAssignment.objects.filter(proposal=proposal).order_by("dimension__order", "evaluator_id")
    assert [(a.dimension.code, a.evaluator, a.version, a.assigned_by, a.due_on) for a in rows] == [
        ("ENV", first, latest, staff, due()), ("ENV", second, latest, staff, due()),
        ("MOB", first, latest, staff, due()),
    ]


def test_assign_page_lists_only_evaluators(client):
    proposal = in_evaluation()
    EvaluatorFactory(first_name="ผู้เชี่ยวชาญ", last_name="ประเมิน")
    UserFactory(first_name="คนทั่วไป", last_name="ไม่ใช่")
    client.force_login(StaffFactory())
    body = client.get(reverse("assign-evaluators", args=[proposal.pk])).content.decode()
    assert "ผู้เชี่ยวชาญ ประเมิน" in body
    assert "คนทั่วไป" not in body


def test_assign_page_non_evaluator_choice_refused(client):
    proposal = in_evaluation()
    stranger = UserFactory()
    client.force_login(StaffFactory())
    response = client.post(reverse("assign-evaluators", args=[proposal.pk]),
                           {"dim_ENV": [stranger.pk], "due_on": due().isoformat()})
    assert response.status_code == 400
    assert not EvaluatorAssignment.objects.exists()


def test_assign_page_nothing_chosen_refused(client):
    proposal = in_evaluation()
    client.force_login(StaffFactory())
    client.cookies["django_language"] = "en"
    response = client.post(reverse("assign-evaluators", args=[proposal.pk]), {"due_on": due().isoformat()})
    assert response.status_code == 400
    assert "Choose at least one evaluator." in response.content.decode()


def test_assign_unclaimed_dimension_refused():
    proposal = in_evaluation()
    with pytest.raises(services.EvaluationError):
        services.assign_evaluators(proposal=proposal, by=StaffFactory(),
                                   choices={Dimension.objects.get(code="GOV"): [EvaluatorFactory()]}, due_on=due())


def test_assign_due_date_in_past_refused():
    proposal = in_evaluation()
    with pytest.raises(services.EvaluationError) as refused:
        services.assign_evaluators(proposal=proposal, by=StaffFactory(),
                                   choices={Dimension.objects.get(code="ENV"): [EvaluatorFactory()]}, due_on=due(-1))
    assert refused.value.field == "due_on"


@pytest.mark.parametrize("state", ["promotion_zone", "on_agenda"])
def test_assign_page_proposal_not_in_evaluation_404(client, state):
    proposal = paths.bring_to(state)
    client.force_login(StaffFactory())
    assert client.get(reverse("assign-evaluators", args=[proposal.pk])).status_code == 404


def test_assign_page_evaluator_404(client):
    proposal = in_evaluation()
    client.force_login(EvaluatorFactory())
    assert client.get(reverse("assign-evaluators", args=[proposal.pk])).status_code == 404


def test_reassign_after_revised_plan_moves_to_new_version_and_reopens():
    proposal = in_evaluation()
    expert = EvaluatorFactory()
    first = assign(proposal, "ENV", expert)
    score(first, 80)
    staff = StaffFactory()
    paths.transition(proposal, "approve_in_principle", by=staff, note="ปรับแผน", deadline=due())
    org_user = proposal.organisation.memberships.first().user
    paths.transition(proposal, "resubmit_plan", by=org_user)
    again = assign(proposal, "ENV", expert, staff=staff, reason="แผนฉบับปรับปรุง")
    again.refresh_from_db()
    assert again.pk == first.pk
    assert again.version.number == 3
    assert again.submitted_at is None
    assert again.scores.count() == 5  # kept as the evaluator's draft
