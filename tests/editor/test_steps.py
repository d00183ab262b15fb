"""The step pages: who may open them, what saving each step stores, and bad input."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from applications.enums import State
from applications.models import DimensionPlan, Initiative, PlanIndicator, Proposal, StepDraft
from tests import paths
from tests.annexes.conftest import attach
from tests.factories import StaffFactory, complete_proposal, proponent

pytestmark = pytest.mark.django_db

STEPS = ["area", "infrastructure", "platform", "dimensions", "management", "review"]
NEXT_YEAR = timezone.localdate().year + 1


def edit_url(proposal, step):
    return f"/proposals/{proposal.pk}/edit/{step}/"


def errors_of(response):
    """{field id: [messages]} next to the fields, and the summary's (label, message) lines."""
    html = response.content.decode()
    import re

    beside = {}
    for field_id, body in re.findall(r'<ul class="errorlist" id="([^"]+)_error">(.*?)</ul>', html, re.S):
        beside[field_id] = re.findall(r"<li>(.*?)</li>", body)
    summary = re.search(r'<div class="error-summary" role="alert".*?</div>', html, re.S)
    lines = re.findall(r'<li><a href="#([^"]+)">(.*?)</a></li>', summary.group(0)) if summary else []
    return beside, lines


def dimensions_post(**rows):
    """A dimensions-step post: ENV and MOB, one initiative and one indicator each."""
    data = {"dimensions": ["ENV", "MOB"]}
    for code in ("ENV", "MOB"):
        data.update({
            f"{code}-summary": f"แผน {code}",
            f"{code}-ini-TOTAL_FORMS": "1", f"{code}-ini-INITIAL_FORMS": "0",
            f"{code}-ini-0-title": f"โครงการ {code}", f"{code}-ini-0-description": "",
            f"{code}-ini-0-budget_thb": "1,250,000", f"{code}-ini-0-start_date": "2027-01-01",
            f"{code}-ini-0-end_date": "2027-12-31",
            f"{code}-ind-TOTAL_FORMS": "1", f"{code}-ind-INITIAL_FORMS": "0",
            f"{code}-ind-0-indicator": "", f"{code}-ind-0-name": f"ตัวชี้วัด {code}", f"{code}-ind-0-unit": "%",
            f"{code}-ind-0-baseline": "10", f"{code}-ind-0-target": "20", f"{code}-ind-0-target_year": str(NEXT_YEAR),
        })
    data.update(rows)
    return data


@pytest.mark.parametrize("step", STEPS)
def test_step_page_loads_for_member(writer, draft, step):
    response = writer.get(edit_url(draft, step))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-current="step"' in html
    assert f'href="/proposals/{draft.pk}/edit/{step}/" aria-current="step"' in html


@pytest.mark.parametrize("step", STEPS)
def test_step_page_not_found_for_other_organisation(client, draft, step):
    client.force_login(proponent())
    assert client.get(edit_url(draft, step)).status_code == 404


@pytest.mark.parametrize("step", STEPS)
def test_step_page_not_found_for_staff(client, draft, step):
    client.force_login(StaffFactory())
    assert client.get(edit_url(draft, step)).status_code == 404


@pytest.mark.parametrize("step", STEPS)
def test_step_page_not_found_after_submission(client, step):
    proposal = paths.bring_to(State.SUBMITTED)
    client.force_login(proposal.organisation.memberships.get().user)
    assert client.get(edit_url(proposal, step)).status_code == 404


def test_step_page_unknown_step_not_found(writer, draft):
    assert writer.get(edit_url(draft, "budget")).status_code == 404


def test_step_page_signed_out_goes_to_sign_in(client, draft):
    response = client.get(edit_url(draft, "area"))
    assert (response.status_code, response["Location"]) == (
        302, f"/accounts/login/?next=/proposals/{draft.pk}/edit/area/"
    )


def test_area_step_saves_every_field(writer, draft):
    response = writer.post(edit_url(draft, "area"), {
        "name_th": "ภูเก็ตเมืองอัจฉริยะ", "name_en": "Phuket Smart City", "provinces": ["83", "82"],
        "boundary_description": "ตำบลตลาดใหญ่และตลาดเหนือ", "area_km2": "12.5", "population": "79308",
        "city_type": "livable", "vision": "เมืองน่าอยู่", "goals": "ลดคาร์บอน 1% ต่อปี", "go": "next",
    })
    assert (response.status_code, response["Location"]) == (302, edit_url(draft, "infrastructure"))
    draft.refresh_from_db()
    assert (draft.boundary_description, draft.area_km2, draft.population, draft.city_type, draft.vision,
            draft.goals) == ("ตำบลตลาดใหญ่และตลาดเหนือ", Decimal("12.50"), 79308, "livable", "เมืองน่าอยู่",
                             "ลดคาร์บอน 1% ต่อปี")
    assert sorted(draft.provinces.values_list("code", flat=True)) == ["82", "83"]


def test_infrastructure_step_saves_budget_typed_with_separators(writer, draft):
    response = writer.post(edit_url(draft, "infrastructure"), {
        "infrastructure_plan": "ไฟเบอร์ทั้งเมือง", "investment_plan": "PPP", "total_budget_thb": "2,500,000",
    })
    assert (response.status_code, response["Location"]) == (302, edit_url(draft, "infrastructure"))
    draft.refresh_from_db()
    assert (draft.infrastructure_plan, draft.investment_plan, draft.total_budget_thb) == (
        "ไฟเบอร์ทั้งเมือง", "PPP", Decimal("2500000.00")
    )


@pytest.mark.parametrize(("step", "field", "value"), [
    ("platform", "data_platform", "แพลตฟอร์มข้อมูลเมืองแบบเปิด"),
    ("management", "management_model", "บริษัทพัฒนาเมือง"),
])
def test_text_step_saves(writer, draft, step, field, value):
    response = writer.post(edit_url(draft, step), {field: value})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert getattr(draft, field) == value


def test_dimensions_step_saves_plans_initiatives_and_indicators(writer, draft):
    standard = {"MOB-ind-0-indicator": "MOB-PUBLIC", "MOB-ind-0-name": "", "MOB-ind-0-unit": ""}
    response = writer.post(edit_url(draft, "dimensions"), dimensions_post(**standard))
    assert response.status_code == 302
    plans = DimensionPlan.objects.filter(proposal=draft).order_by("dimension__order")
    assert [(p.dimension.code, p.summary) for p in plans] == [("ENV", "แผน ENV"), ("MOB", "แผน MOB")]
    assert list(Initiative.objects.filter(plan__proposal=draft).order_by("id").values_list(
        "title", "budget_thb", "start_date", "end_date")) == [
        ("โครงการ ENV", Decimal("1250000.00"), datetime.date(2027, 1, 1), datetime.date(2027, 12, 31)),
        ("โครงการ MOB", Decimal("1250000.00"), datetime.date(2027, 1, 1), datetime.date(2027, 12, 31)),
    ]
    indicators = PlanIndicator.objects.filter(plan__proposal=draft).order_by("id")
    assert [(i.indicator and i.indicator.code, i.unit, i.baseline, i.target, i.target_year) for i in indicators] == [
        (None, "%", Decimal("10"), Decimal("20"), NEXT_YEAR),
        ("MOB-PUBLIC", "%", Decimal("10"), Decimal("20"), NEXT_YEAR),
    ]
    assert indicators[0].name == "ตัวชี้วัด ENV" and indicators[1].name != ""


def test_dimensions_step_shows_saved_rows_again(writer, draft):
    writer.post(edit_url(draft, "dimensions"), dimensions_post())
    response = writer.get(edit_url(draft, "dimensions"))
    html = response.content.decode()
    assert 'name="ENV-ini-0-title" value="โครงการ ENV"' in html
    assert f'name="MOB-ind-0-target_year" value="{NEXT_YEAR}"' in html
    assert 'id="dim-ENV" data-dimension="ENV" aria-labelledby="dim-ENV-h">' in html  # shown
    assert 'id="dim-GOV" data-dimension="GOV" aria-labelledby="dim-GOV-h" hidden>' in html  # not chosen


def test_dimensions_step_removing_a_row_and_a_dimension(writer, draft):
    writer.post(edit_url(draft, "dimensions"), dimensions_post())
    writer.post(edit_url(draft, "dimensions"), dimensions_post(**{"dimensions": ["ENV"], "ENV-ini-0-DELETE": "on"}))
    assert list(DimensionPlan.objects.filter(proposal=draft).values_list("dimension__code", flat=True)) == ["ENV"]
    assert Initiative.objects.filter(plan__proposal=draft).count() == 0
    assert PlanIndicator.objects.filter(plan__proposal=draft).count() == 1


def test_dimensions_step_add_row_without_javascript_keeps_typing(writer, draft):
    response = writer.post(edit_url(draft, "dimensions"), dimensions_post(add="ENV-ini"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="ENV-ini-TOTAL_FORMS" value="2"' in html
    assert 'name="ENV-ini-1-title"' in html and 'name="ENV-ini-0-title" value="โครงการ ENV"' in html
    # Nothing saved yet, but what was typed is kept.
    assert DimensionPlan.objects.filter(proposal=draft).count() == 0
    stash = StepDraft.objects.get(proposal=draft, step="dimensions")
    assert stash.data["ENV-ini-0-title"] == ["โครงการ ENV"]


def test_negative_budget_shown_beside_field_and_in_summary_nothing_saved(writer, draft):
    response = writer.post(edit_url(draft, "dimensions"), dimensions_post(**{"MOB-ini-0-budget_thb": "-5"}))
    assert response.status_code == 200
    beside, summary = errors_of(response)
    message = "Ensure this value is greater than or equal to 0."
    assert beside == {"id_MOB-ini-0-budget_thb": [message]}
    assert summary == [("id_MOB-ini-0-budget_thb", f"Smart Mobility, initiative 1: Budget (THB): {message}")]
    assert 'aria-invalid="true" aria-describedby="id_MOB-ini-0-budget_thb_error"' in response.content.decode()
    assert DimensionPlan.objects.filter(proposal=draft).count() == 0
    assert StepDraft.objects.get(proposal=draft, step="dimensions").data["MOB-ini-0-budget_thb"] == ["-5"]


def test_unknown_province_shown_beside_field_nothing_saved(writer, draft):
    response = writer.post(edit_url(draft, "area"), {
        "name_th": "ชื่อใหม่", "provinces": ["83", "99"], "vision": "วิสัยทัศน์ใหม่",
    })
    beside, summary = errors_of(response)
    assert beside == {"id_provinces": ["Unknown province code: 99."]}
    # The summary links to the first check box of the list (a list has no single box to focus).
    assert summary == [("id_provinces_0", "Provinces: Unknown province code: 99.")]
    draft.refresh_from_db()
    assert (draft.name_th, draft.vision, draft.provinces.count()) == ("ภูเก็ตเมืองอัจฉริยะ", "", 0)


def test_target_year_in_past_shown_beside_field_nothing_saved(writer, draft):
    last_year = str(timezone.localdate().year - 1)
    response = writer.post(edit_url(draft, "dimensions"), dimensions_post(**{"ENV-ind-0-target_year": last_year}))
    beside, summary = errors_of(response)
    assert beside == {"id_ENV-ind-0-target_year": ["The target year is in the past."]}
    assert summary == [("id_ENV-ind-0-target_year",
                        "Smart Environment, indicator 1: Target year: The target year is in the past.")]
    assert PlanIndicator.objects.filter(plan__proposal=draft).count() == 0


def test_target_year_typed_in_buddhist_era_is_stored_gregorian(writer, draft):
    be = NEXT_YEAR + 543
    response = writer.post(edit_url(draft, "dimensions"), dimensions_post(**{"ENV-ind-0-target_year": str(be)}))
    assert errors_of(response) == ({}, [])
    assert PlanIndicator.objects.get(plan__proposal=draft, plan__dimension__code="ENV").target_year == NEXT_YEAR


def test_unreadable_input_and_required_name_both_listed(writer, draft):
    response = writer.post(edit_url(draft, "area"), {"name_th": "", "area_km2": "สิบ"})
    beside, summary = errors_of(response)
    assert beside == {"id_name_th": ["This field is required."], "id_area_km2": ["Enter a number."]}
    assert [anchor for anchor, _text in summary] == ["id_name_th", "id_area_km2"]


def test_revision_request_shown_on_every_step(client):
    proposal = paths.bring_to(State.REVISION_REQUESTED)
    change = proposal.history.get(to_state=State.REVISION_REQUESTED)
    client.force_login(proposal.organisation.memberships.get().user)
    client.cookies["django_language"] = "en"
    for step in STEPS:
        html = client.get(edit_url(proposal, step)).content.decode()
        assert "The Office asks for revisions" in html
        assert f"<blockquote>{change.note}</blockquote>" in html
        assert f"Revise and resubmit by {change.deadline:%-d %B %Y}" in html


def test_revision_request_deadline_in_thai(client):
    proposal = paths.bring_to(State.REVISION_REQUESTED)
    deadline = proposal.history.get(to_state=State.REVISION_REQUESTED).deadline
    client.force_login(proposal.organisation.memberships.get().user)
    html = client.get(edit_url(proposal, "area")).content.decode()
    from core.thai import thai_date

    assert f"แก้ไขและยื่นใหม่ภายใน {thai_date(deadline)}" in html


def test_review_step_posts_the_hand_in_move(writer, draft):
    complete_proposal(draft)
    html = writer.get(edit_url(draft, "review")).content.decode()
    assert f'action="/proposals/{draft.pk}/transition/"' in html
    assert '<input type="hidden" name="action" value="submit">' in html
    assert '<input type="checkbox" id="confirm-handin" name="confirm" value="yes" required>' in html
    # Without the confirmation nothing is handed in; with it, the proposal is.
    response = writer.post(f"/proposals/{draft.pk}/transition/", {"action": "submit"})
    assert (response.status_code, Proposal.objects.get(pk=draft.pk).status) == (302, State.DRAFT)
    response = writer.post(f"/proposals/{draft.pk}/transition/", {"action": "submit", "confirm": "yes"})
    assert response.status_code == 302
    assert Proposal.objects.get(pk=draft.pk).status == State.SUBMITTED


def test_review_step_in_promotion_zone_offers_the_full_plan(client):
    proposal = paths.bring_to(State.PROMOTION_ZONE)
    client.force_login(proposal.organisation.memberships.get().user)
    client.cookies["django_language"] = "en"
    html = client.get(edit_url(proposal, "review")).content.decode()
    assert '<input type="hidden" name="action" value="submit_plan">' in html


def test_bad_rows_in_several_dimensions_all_reported_at_once(writer, draft):
    last_year = str(timezone.localdate().year - 1)
    response = writer.post(edit_url(draft, "dimensions"), dimensions_post(**{
        "ENV-ind-0-target_year": last_year, "MOB-ini-0-budget_thb": "-5", "MOB-ini-0-end_date": "2026-01-01",
    }))
    beside, summary = errors_of(response)
    assert beside == {
        "id_ENV-ind-0-target_year": ["The target year is in the past."],
        "id_MOB-ini-0-budget_thb": ["Ensure this value is greater than or equal to 0."],
        "id_MOB-ini-0-end_date": ["The end date is before the start date."],
    }
    assert [anchor for anchor, _text in summary] == [
        "id_ENV-ind-0-target_year", "id_MOB-ini-0-budget_thb", "id_MOB-ini-0-end_date"]
    assert DimensionPlan.objects.filter(proposal=draft).count() == 0


def test_population_typed_with_separators_is_kept_and_shown_with_them(writer, draft):
    response = writer.post(edit_url(draft, "area"), {"name_th": "ภูเก็ต", "population": "118,764"})
    assert errors_of(response) == ({}, [])
    assert Proposal.objects.get(pk=draft.pk).population == 118764
    assert 'value="118,764"' in writer.get(edit_url(draft, "area")).content.decode()


def test_every_error_of_the_step_at_once(writer, draft):
    response = writer.post(edit_url(draft, "area"), {"name_th": "ภูเก็ต", "area_km2": "สิบ", "population": "-3"})
    beside, summary = errors_of(response)
    assert beside == {"id_area_km2": ["Enter a number."],
                      "id_population": ["Ensure this value is greater than or equal to 0."]}
    assert [anchor for anchor, _text in summary] == ["id_area_km2", "id_population"]
    assert Proposal.objects.get(pk=draft.pk).population is None


def test_review_shows_decimals_plainly_years_in_readers_calendar_and_the_annexes(writer, draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    writer.post(edit_url(draft, "dimensions"), dimensions_post(**{"ENV-ind-0-baseline": "4.5",
                                                                    "ENV-ind-0-target": "1,250.25"}))
    attach(draft, name="แผนที่เขตพื้นที่.pdf")
    html = writer.get(edit_url(draft, "review")).content.decode()
    assert f'<td class="num">4.5</td><td class="num">1,250.25</td><td>{NEXT_YEAR}</td>' in html
    assert "แผนที่เขตพื้นที่.pdf</a>" in html
    writer.cookies["django_language"] = "th"
    html = writer.get(edit_url(draft, "review")).content.decode()
    assert f'<td class="num">4.5</td><td class="num">1,250.25</td><td>{NEXT_YEAR + 543}</td>' in html


def test_province_picker_lists_check_boxes_in_thai_order_findable_in_english(writer, draft):
    writer.cookies["django_language"] = "th"
    html = writer.get(edit_url(draft, "area")).content.decode()
    import re

    labels = re.findall(r'<li data-search="([^"]*)"><label for="id_provinces_\d+"><input type="checkbox" '
                        r'name="provinces" value="(\d+)"', html)
    assert len(labels) == 77
    assert labels[0] == ("กระบี่ Krabi", "81")
    searches = [s for s, _code in labels]
    assert searches.index("ชลบุรี Chon Buri") < searches.index("เชียงใหม่ Chiang Mai") < searches.index("ตรัง Trang")
    response = writer.post(edit_url(draft, "area"), {"name_th": "ภูเก็ต", "provinces": ["83", "50"]})
    assert errors_of(response) == ({}, [])
    assert sorted(draft.provinces.values_list("code", flat=True)) == ["50", "83"]
