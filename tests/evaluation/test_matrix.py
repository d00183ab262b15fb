"""The score matrix: proposals in evaluation × dimensions, and the moves staff make from it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.enums import State
from reviews.evaluation.selectors import score_matrix
from tests import paths
from tests.factories import EvaluatorFactory, StaffFactory

from .helpers import assign, in_evaluation, score

pytestmark = pytest.mark.django_db
ALL = ("ENV", "MOB", "LIV", "PEO", "ENE", "ECO", "GOV")


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    client.cookies["django_language"] = "en"
    return client


def cells(proposal, user=None):
    _dimensions, rows = score_matrix(user or StaffFactory())
    row = next(r for r in rows if r.proposal.pk == proposal.pk)
    return {c.dimension.code: c for c in row.cells}


def test_matrix_cells_states():
    proposal = in_evaluation()
    score(assign(proposal, "ENV", EvaluatorFactory()), "69.99")
    late = assign(proposal, "MOB", EvaluatorFactory(first_name="สมหญิง", last_name="ช้า"))
    late.due_on = timezone.localdate() - datetime.timedelta(days=2)
    late.save()
    got = cells(proposal)
    assert (got["ENV"].state, str(got["ENV"].score), got["ENV"].passed) == ("failed", "69.99", False)
    assert got["MOB"].state == "late"
    assert [a.evaluator for a in got["MOB"].late] == [late.evaluator]
    assert got["GOV"].state == "not_claimed"


def test_matrix_pending_and_unassigned():
    proposal = in_evaluation()
    assign(proposal, "ENV", EvaluatorFactory())
    got = cells(proposal)
    assert (got["ENV"].state, got["MOB"].state) == ("pending", "unassigned")


def test_matrix_page_shows_scores_and_names(staff_client):
    proposal = in_evaluation()
    score(assign(proposal, "ENV", EvaluatorFactory()), 70)
    late = assign(proposal, "MOB", EvaluatorFactory(first_name="สมหญิง", last_name="ช้า"))
    late.due_on = timezone.localdate() - datetime.timedelta(days=1)
    late.save()
    body = staff_client.get(reverse("score-matrix")).content.decode()
    assert "70.00%" in body
    assert "passed" in body
    assert "สมหญิง ช้า" in body
    assert "not claimed" in body


def test_matrix_not_staff_404(client):
    client.force_login(EvaluatorFactory())
    assert client.get(reverse("score-matrix")).status_code == 404
    proposal = in_evaluation()
    assert client.post(reverse("matrix-recommend", args=[proposal.pk])).status_code == 404


def test_recommend_refused_when_a_dimension_below_mark(staff_client):
    proposal = in_evaluation()
    score(assign(proposal, "ENV", EvaluatorFactory()), "69.99")
    score(assign(proposal, "MOB", EvaluatorFactory()), 90)
    response = staff_client.post(reverse("matrix-recommend", args=[proposal.pk]))
    assert response.status_code == 400
    body = response.content.decode()
    assert 'role="alert"' in body
    assert "Smart Environment scored 69.99%, below the pass mark of 70%." in body
    proposal.refresh_from_db()
    assert proposal.status == State.EVALUATION


def test_recommend_refused_when_a_dimension_not_scored(staff_client):
    proposal = in_evaluation()
    score(assign(proposal, "ENV", EvaluatorFactory()), 90)
    response = staff_client.post(reverse("matrix-recommend", args=[proposal.pk]))
    assert response.status_code == 400
    assert "Smart Mobility has not been scored yet." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == State.EVALUATION


def test_recommend_all_passed_moves_to_on_agenda(staff_client):
    proposal = in_evaluation()
    score(assign(proposal, "ENV", EvaluatorFactory()), 70)
    score(assign(proposal, "MOB", EvaluatorFactory()), 95)
    response = staff_client.post(reverse("matrix-recommend", args=[proposal.pk]))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == State.ON_AGENDA
    # It leaves the matrix.
    assert proposal.reference not in staff_client.get(reverse("score-matrix")).content.decode()


def test_approve_in_principle_records_note_and_deadline(staff_client):
    proposal = in_evaluation()
    due = timezone.localdate() + datetime.timedelta(days=30)
    response = staff_client.post(reverse("matrix-in-principle", args=[proposal.pk]),
                                 {f"p{proposal.pk}-note": "เพิ่มตัวชี้วัด", f"p{proposal.pk}-deadline": due.isoformat()})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.revision_deadline) == (State.REVISION_REQUESTED, due)
    assert proposal.history.latest("at").note == "เพิ่มตัวชี้วัด"


def test_approve_in_principle_without_note_error_by_field(staff_client):
    proposal = in_evaluation()
    response = staff_client.post(reverse("matrix-in-principle", args=[proposal.pk]),
                                 {f"p{proposal.pk}-deadline": "2099-01-01"})
    assert response.status_code == 400
    assert f'href="#id_p{proposal.pk}-note"' in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == State.EVALUATION


def _queries(client):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("score-matrix")).status_code == 200
    return len(ctx)


def _scored(dimensions):
    proposal = in_evaluation(dimensions)
    for code in dimensions:
        score(assign(proposal, code, EvaluatorFactory()), 80)
    assign(proposal, dimensions[0], EvaluatorFactory())  # one still pending
    return proposal


def test_matrix_queries_constant_in_proposals(staff_client):
    _scored(("ENV", "MOB"))
    one = _queries(staff_client)
    _scored(("ENV", "MOB"))
    _scored(("ENV", "MOB"))
    assert _queries(staff_client) == one


def test_matrix_queries_constant_in_dimensions(staff_client):
    two = _scored(("ENV", "MOB"))
    with_two = _queries(staff_client)
    paths.transition(two, "recommend", by=StaffFactory())  # leaves the matrix: one row again
    seven = _scored(ALL)
    assert _queries(staff_client) == with_two
    assert all(c.claimed for c in cells(seven).values())
