"""Every step page costs the same number of queries, however many dimensions, initiatives and indicators."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applications.models import DimensionPlan, Initiative, PlanIndicator
from dimensions.models import Dimension, Indicator
from provinces.models import Province
from tests import paths
from tests.factories import ProposalFactory, complete_proposal, proponent

pytestmark = pytest.mark.django_db

STEPS = ["area", "infrastructure", "platform", "dimensions", "management", "review"]


def build(dimensions: int, indicators: int):
    """A complete draft claiming ``dimensions`` dimensions, each with ``indicators`` indicators and initiatives."""
    user = proponent()
    proposal = ProposalFactory(organisation=user.memberships.get().organisation, created_by=user)
    paths.record_creation(proposal, by=user)
    codes = list(Dimension.objects.order_by("order").values_list("code", flat=True)[:dimensions])
    complete_proposal(proposal, dimensions=codes, with_plan=False)
    proposal.provinces.add(*Province.objects.filter(code__in=["83", "82"]))
    for plan in DimensionPlan.objects.filter(proposal=proposal):
        standard = Indicator.objects.filter(dimension=plan.dimension).first()
        for n in range(indicators):
            Initiative.objects.create(plan=plan, title=f"งาน {n}", budget_thb=Decimal(1000),
                                      start_date=datetime.date(2027, 1, 1))
            PlanIndicator.objects.create(
                plan=plan, indicator=standard if n == 0 else None, name=f"ตัวชี้วัด {n}", unit="%",
                baseline=Decimal(1), target=Decimal(2), target_year=timezone.localdate().year + 3,
            )
    return user, proposal


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("step", STEPS)
def test_step_page_queries_constant_for_more_dimensions_and_indicators(client, step):
    counts = []
    for dims, inds in ((2, 1), (5, 3)):
        user, proposal = build(dims, inds)
        client.force_login(user)
        url = f"/proposals/{proposal.pk}/edit/{step}/"
        client.get(url)  # warm: ProgrammeSettings row, session
        counts.append(count(client, url))
    assert counts[0] == counts[1]


def test_dimensions_step_restored_from_stash_queries_constant(client):
    counts = []
    for dims, inds in ((2, 1), (5, 3)):
        user, proposal = build(dims, inds)
        client.force_login(user)
        url = f"/proposals/{proposal.pk}/edit/dimensions/"
        form = client.get(url).context["editor"]
        data = {}
        for section in form.chosen_sections:
            code = section.dimension.code
            data[f"{code}-summary"] = "ใหม่"
            for fs in (section.initiatives, section.indicators):
                data[f"{fs.prefix}-TOTAL_FORMS"] = str(len(fs.forms))
                data[f"{fs.prefix}-INITIAL_FORMS"] = "0"
                for f in fs.forms:
                    for name in f.fields:
                        if name != "DELETE":
                            value = f.initial.get(name)
                            data[f"{f.prefix}-{name}"] = "" if value is None else str(value)
        data["dimensions"] = [s.dimension.code for s in form.chosen_sections]
        data[f"{form.chosen_sections[0].dimension.code}-ini-0-budget_thb"] = "-1"  # keep it a stash
        client.post(f"/proposals/{proposal.pk}/edit/dimensions/autosave/", data)
        counts.append(count(client, url))
    assert counts[0] == counts[1]
