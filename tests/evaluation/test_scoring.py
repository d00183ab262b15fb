"""The evaluator's pages: my assignments and the score form; the weighted mean and the pass mark."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from applications.models import ProgrammeSettings
from dimensions.models import Dimension
from reviews.evaluation import services
from reviews.evaluation.guards import score_problems
from reviews.models import CriterionScore
from reviews.selectors import dimension_scores
from tests import paths
from tests.factories import EvaluatorFactory, StaffFactory

from .helpers import active_subs, assign, in_evaluation, score, weights

pytestmark = pytest.mark.django_db


@pytest.fixture
def assignment():
    return assign(in_evaluation(), "ENV", EvaluatorFactory())


def login(client, user, lang="en"):
    client.force_login(user)
    client.cookies["django_language"] = lang
    return client


def form_data(subs, values, intent="draft", comments=None):
    data = {"intent": intent, **({"confirm": "yes"} if intent == "submit" else {})}
    for i, (sub, value) in enumerate(zip(subs, values, strict=False)):
        data[f"score_{sub.pk}"] = "" if value is None else str(value)
        data[f"comment_{sub.pk}"] = (comments or {}).get(i, "")
    return data


def test_score_form_other_evaluator_404(client, assignment):
    login(client, EvaluatorFactory())
    assert client.get(reverse("assignment-score", args=[assignment.pk])).status_code == 404
    assert client.post(reverse("assignment-score", args=[assignment.pk]), {"intent": "submit"}).status_code == 404


def test_score_form_staff_404(client, assignment):
    login(client, StaffFactory())
    assert client.get(reverse("assignment-score", args=[assignment.pk])).status_code == 404


def test_score_form_shows_frozen_plan_of_the_dimension(client, assignment):
    body = login(client, assignment.evaluator).get(reverse("assignment-score", args=[assignment.pk])).content.decode()
    assert "แผน ENV" in body  # the summary as it was handed in
    assert "โครงการ ENV" in body
    assert "แผน MOB" not in body  # another dimension's plan is not this evaluator's
    for sub in active_subs("ENV"):
        assert sub.name_en in body


def test_score_form_partial_save_keeps_draft(client, assignment):
    subs = active_subs("ENV")
    response = login(client, assignment.evaluator).post(
        reverse("assignment-score", args=[assignment.pk]),
        form_data(subs, [75, 80.5], comments={0: "ระบบติดตามคุณภาพน้ำครบถ้วน"}),
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.submitted_at is None
    saved = {s.subcriterion_id: (s.score, s.comment) for s in assignment.scores.all()}
    assert saved == {subs[0].pk: (Decimal("75.00"), "ระบบติดตามคุณภาพน้ำครบถ้วน"), subs[1].pk: (Decimal("80.50"), "")}
    body = client.get(reverse("assignment-score", args=[assignment.pk])).content.decode()
    assert 'value="80.5"' in body  # the draft comes back in the form, as typed (not 80.50)
    assert dimension_scores(assignment.proposal)[assignment.dimension_id] is None  # a draft does not count


def test_score_form_submit_needs_every_subcriterion(client, assignment):
    subs = active_subs("ENV")
    response = login(client, assignment.evaluator).post(
        reverse("assignment-score", args=[assignment.pk]), form_data(subs, [80, 80, 80, 80, None], intent="submit")
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'role="alert"' in body
    assert "Score every sub-criterion before submitting" in body
    assert subs[4].name_en in body
    assignment.refresh_from_db()
    assert assignment.submitted_at is None


def test_score_form_submit_all_then_read_only(client, assignment):
    subs = active_subs("ENV")
    url = reverse("assignment-score", args=[assignment.pk])
    login(client, assignment.evaluator)
    assert client.post(url, form_data(subs, [80] * 5, intent="submit")).status_code == 302
    assignment.refresh_from_db()
    assert assignment.submitted_at is not None
    page = client.get(url).content.decode()
    assert 'name="intent"' not in page  # no form any more
    response = client.post(url, form_data(subs, [10] * 5, intent="submit"))
    assert response.status_code == 400
    assert set(CriterionScore.objects.filter(assignment=assignment).values_list("score", flat=True)) == {Decimal(80)}


def test_score_out_of_range_error_by_field(client, assignment):
    subs = active_subs("ENV")
    response = login(client, assignment.evaluator).post(
        reverse("assignment-score", args=[assignment.pk]), form_data(subs, [101])
    )
    assert response.status_code == 400
    assert f'href="#id_score_{subs[0].pk}"' in response.content.decode()
    assert not CriterionScore.objects.exists()


def test_save_scores_after_proposal_left_evaluation_refused(assignment):
    still_open = assign(assignment.proposal, "ENV", EvaluatorFactory())
    score(assign(assignment.proposal, "MOB", EvaluatorFactory()), 90)
    score(assignment, 90)
    paths.transition(assignment.proposal, "recommend", by=StaffFactory())
    with pytest.raises(services.EvaluationError) as refused:
        score(still_open, 50)
    assert refused.value.message == "The proposal is no longer under evaluation."
    assert not still_open.scores.exists()


def test_weighted_mean_exact():
    proposal = in_evaluation()
    subs = weights("ENV", 1, 1, 2)
    a = assign(proposal, "ENV", EvaluatorFactory())
    services.save_scores(assignment=a, by=a.evaluator, submit=True,
                         entries={subs[0].pk: (Decimal(60), ""), subs[1].pk: (Decimal(80), ""),
                                  subs[2].pk: (Decimal(90), "")})
    env = Dimension.objects.get(code="ENV")
    assert dimension_scores(proposal)[env.pk] == Decimal("80.00")


def test_weighted_mean_two_evaluators_averaged():
    proposal = in_evaluation()
    weights("ENV", 1, 1, 2)
    score(assign(proposal, "ENV", EvaluatorFactory()), 60)
    score(assign(proposal, "ENV", EvaluatorFactory()), 90)
    assert dimension_scores(proposal)[Dimension.objects.get(code="ENV").pk] == Decimal("75.00")


@pytest.mark.parametrize(("value", "passes"), [("69.99", False), ("70", True)])
def test_pass_mark_edge(value, passes):
    proposal = in_evaluation()
    score(assign(proposal, "ENV", EvaluatorFactory()), value)
    score(assign(proposal, "MOB", EvaluatorFactory()), 90)
    problems = score_problems(proposal)
    assert (problems == []) is passes
    if not passes:
        assert problems == ["Smart Environment scored 69.99%, below the pass mark of 70%."]


def test_pass_mark_configurable():
    settings = ProgrammeSettings.load()
    settings.pass_mark_percent = 80
    settings.save()
    proposal = in_evaluation()
    score(assign(proposal, "ENV", EvaluatorFactory()), 75)
    score(assign(proposal, "MOB", EvaluatorFactory()), 90)
    assert score_problems(proposal) == ["Smart Environment scored 75.00%, below the pass mark of 80%."]


def test_my_assignments_states_and_thai_due_date(client):
    expert = EvaluatorFactory()
    open_one = assign(in_evaluation(), "ENV", expert, due_on=datetime.date(2031, 3, 8))
    late = assign(in_evaluation(), "MOB", expert)
    late.due_on = timezone.localdate() - datetime.timedelta(days=1)
    late.save()
    done = assign(in_evaluation(), "ENV", expert)
    score(done, 80)
    body = login(client, expert, lang="th").get(reverse("my-assignments")).content.decode()
    assert "8 มีนาคม 2574" in body
    with translation.override("th"):
        assert str(translation.gettext("Late")) in body
        assert str(translation.pgettext("scores", "Submitted")) in body
    for a in (open_one, late, done):
        assert reverse("assignment-score", args=[a.pk]) in body


def test_my_assignments_only_own(client):
    mine = assign(in_evaluation(), "ENV", EvaluatorFactory())
    theirs = assign(in_evaluation(), "ENV", EvaluatorFactory())
    body = login(client, mine.evaluator).get(reverse("my-assignments")).content.decode()
    assert reverse("assignment-score", args=[mine.pk]) in body
    assert reverse("assignment-score", args=[theirs.pk]) not in body


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_my_assignments_queries_constant_in_rows(client):
    expert = EvaluatorFactory()
    assign(in_evaluation(), "ENV", expert)
    login(client, expert)
    one = _queries(client, reverse("my-assignments"))
    assign(in_evaluation(), "ENV", expert)
    assign(in_evaluation(), "MOB", expert)
    assert _queries(client, reverse("my-assignments")) == one


def test_score_form_queries_constant_in_subcriteria(client):
    weights("ENV", 1)
    a = assign(in_evaluation(), "ENV", EvaluatorFactory())
    score(a, 70, submit=False)
    login(client, a.evaluator)
    one = _queries(client, reverse("assignment-score", args=[a.pk]))
    weights("ENV", 1, 1, 1, 2, 2)
    score(a, 70, submit=False)
    assert _queries(client, reverse("assignment-score", args=[a.pk])) == one


def test_my_assignments_open_work_first_finished_newest_first_folded_and_paged(client, settings):
    expert = EvaluatorFactory()
    later = assign(in_evaluation(), "ENV", expert, due_on=timezone.localdate() + datetime.timedelta(days=20))
    sooner = assign(in_evaluation(), "MOB", expert, due_on=timezone.localdate() + datetime.timedelta(days=5))
    done = [assign(in_evaluation(), "ENV", expert) for _ in range(3)]
    for a in done:
        score(a, 80)
    body = login(client, expert).get(reverse("my-assignments")).content.decode()
    order = [body.index(reverse("assignment-score", args=[a.pk]) + '"') for a in (sooner, later, *reversed(done))]
    assert order == sorted(order)
    head, folded = body.split('<details class="finished">')
    assert reverse("assignment-score", args=[done[0].pk]) + '"' not in head
    assert "Submitted: 3 assignments" in folded

    from reviews.evaluation import views

    views.FINISHED_PER_PAGE, saved = 2, views.FINISHED_PER_PAGE
    try:
        second = login(client, expert).get(reverse("my-assignments") + "?page=2").content.decode()
    finally:
        views.FINISHED_PER_PAGE = saved
    assert '<details class="finished" open>' in second
    assert reverse("assignment-score", args=[done[0].pk]) + '"' in second
    assert reverse("assignment-score", args=[done[2].pk]) + '"' not in second
    assert "Page 2 of 2" in second


def test_score_form_opens_the_annexes_handed_in(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from applications.annexes.services import attachment_add
    from applications.workflow import transition
    from tests.annexes.conftest import pdf_bytes, upload

    proposal = paths.bring_to("draft")
    member = proposal.organisation.memberships.first().user
    annex = attachment_add(proposal=proposal, by=member, kind="full_plan",
                           upload=upload("แผนแม่บท.pdf", pdf_bytes(b"plan")))
    staff = StaffFactory()
    for action in ("submit", "screen", "declare_zone", "submit_plan"):
        transition(proposal, action, by=member if action.startswith("submit") else staff)
    a = assign(proposal, "ENV", EvaluatorFactory())
    body = login(client, a.evaluator).get(reverse("assignment-score", args=[a.pk])).content.decode()
    link = reverse("annex-download", args=[proposal.pk, annex.pk])
    assert f'<a href="{link}">แผนแม่บท.pdf</a>' in body
    assert client.get(link).status_code == 200


def test_submitting_scores_needs_the_confirmation_and_keeps_what_was_typed(client, assignment):
    subs = active_subs("ENV")
    url = reverse("assignment-score", args=[assignment.pk])
    data = form_data(subs, [81] * len(subs), intent="submit")
    del data["confirm"]
    response = login(client, assignment.evaluator).post(url, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Tick the box to confirm that your scores are final" in body
    assert 'value="81"' in body
    assignment.refresh_from_db()
    assert (assignment.submitted_at, CriterionScore.objects.filter(assignment=assignment).count()) == (None, 0)
    assert client.post(url, {**data, "confirm": "yes"}).status_code == 302
    assignment.refresh_from_db()
    assert assignment.submitted_at is not None
