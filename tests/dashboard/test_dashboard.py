"""The home page of an organisation member: their proposals, the state and the next step in words."""

import html as html_lib
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Membership
from applications.editor.dashboard import member_proposals, missing_counts
from applications.enums import State
from applications.guards import submission_problems
from applications.models import DimensionPlan, Initiative, PlanIndicator
from core.thai import thai_date
from dimensions.models import Dimension
from tests import paths
from tests.factories import ProposalFactory, StaffFactory, complete_proposal, proponent

pytestmark = pytest.mark.django_db


def rows(response):
    """Each dashboard row as (reference, name, state, next step, deadline), in text."""
    html = response.content.decode()
    table = re.search(r'<table class="table dashboard-table">.*?</table>', html, re.S)
    assert table, "no dashboard table"
    found = []
    for tr in re.findall(r"<tr>\s*<td.*?</tr>", table.group(0), re.S):
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
        found.append(tuple(html_lib.unescape(re.sub(r"\s+", " ", c)) for c in cells))
    return found


def draft_of(user, **fields):
    proposal = ProposalFactory(organisation=user.memberships.get().organisation, created_by=user, **fields)
    paths.record_creation(proposal, by=user)
    return proposal


def in_org(proposal):
    return proposal.organisation.memberships.get().user


def test_dashboard_draft_says_how_many_items_missing(client):
    user = proponent()
    proposal = draft_of(user, name_th="เมืองทดสอบ", name_en="Test City")
    complete_proposal(proposal)
    proposal.management_model = ""
    proposal.data_platform = ""
    proposal.save()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    response = client.get("/")
    assert rows(response) == [
        (proposal.reference, "Test City", "Draft", "Finish and submit: 2 items missing", "—"),
    ]
    html = response.content.decode()
    assert '<a class="button" href="/proposals/new/">+ New proposal</a>' in html
    assert f'<a href="/proposals/{proposal.pk}/edit/review/">Finish and submit: 2 items missing</a>' in html


def test_dashboard_revision_requested_says_deadline_in_thai(client):
    proposal = paths.bring_to(State.REVISION_REQUESTED)
    client.force_login(in_org(proposal))
    response = client.get("/")
    deadline = thai_date(proposal.revision_deadline)
    assert rows(response) == [
        (proposal.reference, proposal.name_th, "ขอให้แก้ไข", f"แก้ไขและยื่นใหม่ภายใน {deadline}",
         f"กำหนดส่งฉบับแก้ไข {deadline}"),
    ]


@pytest.mark.parametrize(("state", "next_step"), [
    (State.PROMOTION_ZONE, "Submit the full plan"),
    (State.SUBMITTED, "The Office has received your proposal and will screen it"),
    (State.SCREENING, "The Office is screening your proposal"),
    (State.EVALUATION, "The working group is evaluating your plan"),
    (State.ON_AGENDA, "The subcommittee will consider your proposal"),
    (State.REJECTED, "Closed: nothing more to do"),
])
def test_dashboard_next_step_in_words(client, state, next_step):
    proposal = paths.bring_to(state)
    client.force_login(in_org(proposal))
    client.cookies["django_language"] = "en"
    [row] = rows(client.get("/"))
    assert (row[2], row[3]) == (proposal.get_status_display(), next_step)


def test_dashboard_certified_shows_validity(client):
    proposal = paths.bring_to(State.CERTIFIED)
    client.force_login(in_org(proposal))
    client.cookies["django_language"] = "en"
    [row] = rows(client.get("/"))
    assert row[4] == f"valid until {proposal.valid_until:%-d %B %Y}"


def test_dashboard_lists_only_own_organisation(client):
    user = proponent()
    mine = draft_of(user)
    draft_of(proponent())  # another organisation's
    paths.bring_to(State.CERTIFIED)  # public, but not theirs
    client.force_login(user)
    assert [r[0] for r in rows(client.get("/"))] == [mine.reference]


def test_dashboard_empty_invites_a_new_proposal(client):
    client.force_login(proponent())
    client.cookies["django_language"] = "en"
    html = client.get("/").content.decode()
    assert "Your organisation has no proposal yet." in html
    assert 'href="/proposals/new/"' in html


def test_staff_keep_the_proposals_table(client):
    proposal = paths.bring_to(State.SCREENING)
    client.force_login(StaffFactory())
    client.cookies["django_language"] = "en"
    html = client.get("/").content.decode()
    assert "dashboard-table" not in html and "/proposals/new/" not in html
    assert 'id="latest-h">Latest proposals</h2>' in html and proposal.reference in html


def test_anonymous_visitors_keep_the_public_home(client):
    proposal = paths.bring_to(State.CERTIFIED)
    paths.bring_to(State.SCREENING)
    client.cookies["django_language"] = "en"
    html = client.get("/").content.decode()
    assert "dashboard-table" not in html
    assert 'id="latest-h">Promotion zones and certified cities</h2>' in html
    assert re.findall(r"SC-\d+-\d+", html) == [proposal.reference]


def _add_plan(proposal, dims, indicators):
    codes = list(Dimension.objects.order_by("order").values_list("code", flat=True)[:dims])
    for code in codes:
        plan = DimensionPlan.objects.create(proposal=proposal, dimension=Dimension.objects.get(code=code),
                                            summary="")
        for n in range(indicators):
            Initiative.objects.create(plan=plan, title=f"งาน {n}", budget_thb=Decimal(5))
            PlanIndicator.objects.create(plan=plan, name="x", unit="%", baseline=1, target=2,
                                         target_year=timezone.localdate().year + 2)


def _queries(client):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/").status_code == 200
    return len(ctx.captured_queries)


def test_dashboard_queries_constant_for_more_proposals_and_dimensions(client):
    counts = []
    for proposals, dims, indicators in ((1, 2, 1), (3, 2, 1), (3, 5, 3)):
        user = proponent()
        for _n in range(proposals):
            proposal = draft_of(user)
            proposal.total_budget_thb = Decimal(1)
            proposal.save()
            _add_plan(proposal, dims, indicators)
            proposal.provinces.add(proposal.organisation.province)
        # Another state in the list too.
        other = paths.bring_to(State.REVISION_REQUESTED)
        Membership.objects.create(user=user, organisation=other.organisation)
        client.force_login(user)
        client.get("/")
        counts.append(_queries(client))
    assert counts[0] == counts[1] == counts[2]


def test_missing_count_matches_the_guard(client):
    user = proponent()
    empty = draft_of(user)
    partial = draft_of(user, vision="น่าอยู่", boundary_description="ตำบล")
    _add_plan(partial, 1, 1)  # Smart Environment only, its summary blank
    complete = complete_proposal(draft_of(user))
    mismatched = complete_proposal(draft_of(user))
    Initiative.objects.filter(plan__proposal=mismatched).update(budget_thb=Decimal(7))
    blank_name = draft_of(user, name_th="   ")
    proposals = list(member_proposals(user))
    counts = missing_counts(proposals)
    expected = {p.pk: len(submission_problems(p)) for p in proposals}
    assert counts == expected
    assert [counts[p.pk] for p in (empty, partial, complete, mismatched, blank_name)] == [
        expected[empty.pk], expected[partial.pk], 0, 1, expected[blank_name.pk]]
    assert expected[empty.pk] == 10 and expected[blank_name.pk] == 11
    # Provinces, area, city type, goals, infrastructure, platform, a second dimension, the summary, management.
    assert expected[partial.pk] == 9


def test_missing_count_ignores_non_drafts():
    assert missing_counts([paths.bring_to(State.SCREENING)]) == {}
