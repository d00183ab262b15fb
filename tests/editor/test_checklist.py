"""The live checklist: the workflow's own guard, item by item, shrinking as the steps are filled."""

import html as html_lib
import re

import pytest

from applications.enums import State
from applications.guards import plan_problems, submission_problems
from tests import paths

pytestmark = pytest.mark.django_db

# A step's link in the step navigation, and its mark ("complete", "2 items missing").
MARK = r'edit/(\w+)/"[^>]*>\s*<span class="stepnum".*?<span class="mark">(.*?)</span>'


def checklist_items(client, proposal):
    response = client.get(f"/proposals/{proposal.pk}/checklist/")
    assert response.status_code == 200
    found = re.findall(r'<li><a href="/proposals/\d+/edit/(\w+)/">(.*?)</a></li>', response.content.decode())
    return [(step, html_lib.unescape(text)) for step, text in found]


def marks(client, proposal, step="area"):
    html = client.get(f"/proposals/{proposal.pk}/edit/{step}/").content.decode()
    return dict(re.findall(MARK, html, re.S))


def test_checklist_shrinks_step_by_step_until_empty(writer, draft):
    first = checklist_items(writer, draft)
    assert first == [
        ("area", "Criterion 1: choose the province(s) of the target area."),
        ("area", "Criterion 1: describe the boundary of the target area."),
        ("area", "Criterion 1: give the area in km²."),
        ("area", "Criterion 1: choose the city type."),
        ("area", "Criterion 1: write the vision and the goals."),
        ("infrastructure", "Criterion 2: write the infrastructure and investment plan."),
        ("platform", "Criterion 3: describe the city data platform."),
        ("dimensions", "Criterion 4: claim at least 2 dimensions (you have 0)."),
        ("dimensions", "Criterion 4: Smart Environment must be among the dimensions."),
        ("management", "Criterion 5: describe the management model."),
    ]
    assert [text for _step, text in first] == submission_problems(draft)
    counts = [len(first)]
    posts = [
        ("area", {"name_th": "ภูเก็ต", "provinces": ["83"], "boundary_description": "ทั้งตำบล", "area_km2": "12",
                  "city_type": "new", "vision": "น่าอยู่", "goals": "ลดคาร์บอน"}),
        ("infrastructure", {"infrastructure_plan": "ไฟเบอร์", "investment_plan": "PPP", "total_budget_thb": "100"}),
        ("platform", {"data_platform": "เปิด"}),
        ("dimensions", {
            "dimensions": ["ENV", "MOB"], "ENV-summary": "ขยะ", "MOB-summary": "รถเมล์",
            "ENV-ini-TOTAL_FORMS": "1", "ENV-ini-INITIAL_FORMS": "0", "ENV-ini-0-title": "เซนเซอร์",
            "ENV-ini-0-budget_thb": "100",
            "ENV-ind-TOTAL_FORMS": "0", "ENV-ind-INITIAL_FORMS": "0",
            "MOB-ini-TOTAL_FORMS": "0", "MOB-ini-INITIAL_FORMS": "0",
            "MOB-ind-TOTAL_FORMS": "0", "MOB-ind-INITIAL_FORMS": "0",
        }),
        ("management", {"management_model": "บริษัทพัฒนาเมือง"}),
    ]
    for step, data in posts:
        assert writer.post(f"/proposals/{draft.pk}/edit/{step}/", data).status_code == 302
        counts.append(len(checklist_items(writer, draft)))
    assert counts == [10, 5, 4, 3, 1, 0]
    html = writer.get(f"/proposals/{draft.pk}/checklist/").content.decode()
    assert "Nothing is missing" in html and "<li>" not in html


def test_step_marks_say_done_or_how_many_missing(writer, draft):
    writer.post(f"/proposals/{draft.pk}/edit/platform/", {"data_platform": "เปิด"})
    assert marks(writer, draft) == {
        "area": "5 items missing", "infrastructure": "1 item missing", "platform": "complete",
        "dimensions": "2 items missing", "management": "1 item missing", "review": "not ready yet",
    }


def test_marks_read_from_thai_messages_too(member, client, draft):
    """The step of an item comes from the guard's English text, so Thai pages mark the same steps."""
    client.force_login(member)
    client.post(f"/proposals/{draft.pk}/edit/platform/", {"data_platform": "เปิด"})
    html = client.get(f"/proposals/{draft.pk}/edit/area/").content.decode()
    found = dict(re.findall(MARK, html, re.S))
    assert found["platform"] == "ครบแล้ว"
    assert found["area"] == "ขาด 5 รายการ"
    items = re.findall(r'<li><a href="/proposals/\d+/edit/(\w+)/">(.*?)</a></li>', html)
    assert items[0] == ("area", "เกณฑ์ข้อ 1: เลือกจังหวัดที่ตั้งของพื้นที่เป้าหมาย")


def test_full_plan_checklist_in_promotion_zone_asks_for_rows(client):
    proposal = paths.bring_to(State.PROMOTION_ZONE)
    proposal.plans.get(dimension__code="MOB").initiatives.all().delete()
    client.force_login(proposal.organisation.memberships.get().user)
    client.cookies["django_language"] = "en"
    items = checklist_items(client, proposal)
    assert [text for _step, text in items] == plan_problems(proposal)
    assert items == [
        ("infrastructure", "The initiatives' budgets add up to 1,000,000.00 baht, not the total of 2,000,000.00 baht."),
        ("dimensions", "Smart Mobility: add at least one initiative with its budget."),
    ]


def test_checklist_not_found_for_other_organisation(client, draft):
    from tests.factories import proponent

    client.force_login(proponent())
    assert client.get(f"/proposals/{draft.pk}/checklist/").status_code == 404
