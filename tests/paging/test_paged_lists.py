"""Every list people work in is paged, costs the same queries with twice the rows, and keeps its
filters from page to page (issue 16). The staff page of a proposal too: a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.enums import State
from core.paging import BoundedPaginator
from monitoring import views as monitoring_views
from reviews.evaluation import views as evaluation_views
from reviews.meetings import views as meeting_views
from reviews.models import Meeting
from tests import paths
from tests.evaluation.helpers import assign, in_evaluation, score
from tests.factories import EvaluatorFactory, StaffFactory
from tests.meetings.helpers import body, in_days, schedule, seat

pytestmark = pytest.mark.django_db


def _queries(client, url):
    client.get(url)  # warm the session and the caches the header keeps
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def test_bounded_paginator_counts_at_most_its_bound():
    for _ in range(3):
        paths.bring_to(State.DRAFT)
    from applications.models import Proposal

    pages = BoundedPaginator(Proposal.objects.order_by("pk"), 1, bound=2)
    assert pages.count == 3 and pages.capped  # counted to bound + 1, not further
    assert [p.pk for p in pages.page(3).object_list] == [Proposal.objects.order_by("pk").last().pk]
    exact = BoundedPaginator(Proposal.objects.order_by("pk"), 1, bound=5)
    assert exact.count == 3 and not exact.capped


def test_staff_proposal_list_is_paged_keeps_the_query_and_costs_the_same(client, monkeypatch):
    from applications import views

    client.force_login(StaffFactory())
    paths.bring_to(State.SUBMITTED)
    one, _ = _queries(client, "/proposals/")
    paths.bring_to(State.SUBMITTED)
    two, _ = _queries(client, "/proposals/")
    assert two == one
    monkeypatch.setattr(views, "PER_PAGE", 1)
    _n, response = _queries(client, "/proposals/?lang=th&page=1")
    assert len(response.context["proposals"]) == 1
    assert 'href="?lang=th&amp;page=2"' in response.content.decode()


def test_screening_queue_is_paged_and_costs_the_same(client, monkeypatch):
    client.force_login(StaffFactory())
    paths.bring_to(State.SUBMITTED)
    one, _ = _queries(client, reverse("screening"))
    paths.bring_to(State.SUBMITTED)
    paths.bring_to(State.SCREENING)
    two, response = _queries(client, reverse("screening"))
    assert two == one
    assert len(response.context["proposals"]) == 3
    monkeypatch.setattr(evaluation_views, "SCREENING_PER_PAGE", 2)
    _n, response = _queries(client, reverse("screening") + "?page=2")
    assert len(response.context["proposals"]) == 1
    assert 'href="?page=1"' in response.content.decode()


def test_score_matrix_is_paged_and_costs_the_same(client, monkeypatch):
    staff, evaluator = StaffFactory(), EvaluatorFactory()
    client.force_login(staff)
    score(assign(in_evaluation(), "ENV", evaluator, staff=staff), "80")
    one, _ = _queries(client, reverse("score-matrix"))
    for _ in range(2):
        score(assign(in_evaluation(), "ENV", evaluator, staff=staff), "80")
    three, response = _queries(client, reverse("score-matrix"))
    assert three == one and len(response.context["rows"]) == 3
    monkeypatch.setattr(evaluation_views, "MATRIX_PER_PAGE", 2)
    _n, response = _queries(client, reverse("score-matrix") + "?page=2")
    assert len(response.context["rows"]) == 1
    # A refused move shows the page it was made from again.
    row = response.context["rows"][0].proposal
    assert f'{reverse("matrix-recommend", args=[row.pk])}?page=2' in response.content.decode()


def test_my_assignments_are_paged_both_lists_and_cost_the_same(client, monkeypatch):
    staff, evaluator = StaffFactory(), EvaluatorFactory()
    client.force_login(evaluator)
    assign(in_evaluation(), "ENV", evaluator, staff=staff)
    score(assign(in_evaluation(), "ENV", evaluator, staff=staff), "80")
    one, _ = _queries(client, reverse("my-assignments"))
    assign(in_evaluation(), "MOB", evaluator, staff=staff)
    score(assign(in_evaluation(), "MOB", evaluator, staff=staff), "80")
    two, response = _queries(client, reverse("my-assignments"))
    assert two == one
    assert len(response.context["open"]) == 2 and response.context["finished_count"] == 2
    monkeypatch.setattr(evaluation_views, "OPEN_PER_PAGE", 1)
    _n, response = _queries(client, reverse("my-assignments") + "?page=1")
    assert len(response.context["open"]) == 1
    assert 'href="?page=1&amp;open=2"' in response.content.decode()  # the other list's page is kept


def test_my_meetings_past_ones_are_paged(client, monkeypatch):
    sub = body()
    me = seat(sub)
    staff = StaffFactory()
    for number, days in enumerate((-40, -30, -20), start=1):  # the past, as recorded (no notice to send now)
        Meeting.objects.create(body=sub, year_be=2500, number=number, held_at=in_days(days), created_by=staff)
    schedule(sub, in_days(10))
    client.force_login(me)
    monkeypatch.setattr(meeting_views, "MEETINGS_PER_PAGE", 2)
    _n, response = _queries(client, reverse("my-meetings") + "?page=2")
    assert len(response.context["past"]) == 1 and len(response.context["upcoming"]) == 1
    assert 'href="?page=1"' in response.content.decode()


def test_monitoring_overview_is_paged_with_its_figures_over_every_city(client, monkeypatch):
    for _ in range(3):
        paths.bring_to(State.CERTIFIED)
    client.force_login(StaffFactory())
    monkeypatch.setattr(monitoring_views, "OVERVIEW_PER_PAGE", 2)
    _n, response = _queries(client, "/monitoring/overview/")
    assert len(response.context["rows"]) == 2
    assert response.context["not_reported"] == 3  # counted over every city, not the page


@pytest.mark.parametrize("dimensions", [("ENV", "MOB"), ("ENV", "MOB", "ECO", "ENE")])
def test_staff_proposal_page_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries, dimensions):
    proposal = paths.bring_to(State.CERTIFIED, dimensions=dimensions)
    client.force_login(StaffFactory())
    client.get(f"/proposals/{proposal.pk}/")
    # session, user; the proposal with organisation and public record; provinces; plans with dimensions;
    # the officer's roles (organisations, conflicts, seats: once, not three times); unread notifications;
    # annexes; versions; amendments (once); history with actors; resolutions, meetings, bodies, corrections
    with django_assert_max_num_queries(18):
        response = client.get(f"/proposals/{proposal.pk}/")
    assert response.status_code == 200
    assert len(response.context["proposal"].plans.all()) == len(dimensions)
