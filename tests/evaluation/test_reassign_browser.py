"""In headless Chromium, in Thai: staff send only Mobility back after a revised plan.

The page opens with nothing ticked; the summary says what changes; "Confirm"
without the box ticked is stopped; once confirmed, only Mobility is reopened.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reviews.models import EvaluatorAssignment
from tests import paths
from tests.factories import EvaluatorFactory, StaffFactory
from tests.signin import sign_in, with_password

from .helpers import assign, in_evaluation, score

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_send_only_mobility_back(chromium, live_server, screenshot_dir):
    proposal = in_evaluation(("ENV", "MOB"))
    staff = with_password(StaffFactory(username="depa.assign"))
    env = EvaluatorFactory(first_name="สมชาย", last_name="สิ่งแวดล้อม")
    mob = EvaluatorFactory(first_name="สมศรี", last_name="เดินทาง")
    score(assign(proposal, "ENV", env, staff=staff), 80)
    score(assign(proposal, "MOB", mob, staff=staff), 60)
    deadline = timezone.localdate() + datetime.timedelta(days=14)
    paths.transition(proposal, "approve_in_principle", by=staff, note="ปรับแผน", deadline=deadline)
    paths.transition(proposal, "resubmit_plan", by=proposal.organisation.memberships.first().user)
    env_submitted = EvaluatorAssignment.objects.get(evaluator=env).submitted_at

    context = chromium.new_context(locale="th-TH", viewport={"width": 360, "height": 800})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        base = live_server.url
        url = f"/reviews/proposals/{proposal.pk}/assign/"
        sign_in(page, staff.username, base_url=base, next_url=url)
        form = page.locator("#assign-form")
        expect(form.locator("input[name^=dim_]:checked")).to_have_count(0)
        expect(form.locator("fieldset#id_dim_MOB label", has_text="สมศรี เดินทาง")).to_contain_text("60.00%")

        form.locator("fieldset#id_dim_MOB label", has_text="สมศรี เดินทาง").locator("input").check()
        form.locator("#id_reason").fill("แผนด้านการเดินทางปรับใหม่")
        form.locator("button[value=check]").click()
        panel = page.locator("#confirm-panel")
        expect(panel).to_contain_text("ยังไม่มีการเปลี่ยนแปลงใด ๆ")
        expect(panel).to_contain_text("ส่งคะแนนที่ส่งแล้วกลับไปให้ประเมินใหม่")
        expect(panel).to_contain_text("สมชาย สิ่งแวดล้อม")  # keeps its submitted scores
        expect(form.locator("input[name^=dim_]:checked")).to_have_count(1)
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        page.screenshot(path=str(screenshot_dir / "reassign-summary-360.png"), full_page=True)

        # The browser stops "Confirm" until the box is ticked: nothing is sent.
        panel.locator("button[value=confirm]").click()
        expect(panel).to_be_visible()
        assert EvaluatorAssignment.objects.get(evaluator=mob).submitted_at is not None

        panel.locator("#confirm-assign").check()
        panel.locator("button[value=confirm]").click()
        expect(page.locator("main .messages")).to_contain_text("ดำเนินการแล้ว")
        expect(page.locator("#confirm-panel")).to_have_count(0)
    finally:
        context.close()
    reopened = EvaluatorAssignment.objects.get(evaluator=mob)
    kept = EvaluatorAssignment.objects.get(evaluator=env)
    assert reopened.submitted_at is None and reopened.version.number == 3
    assert kept.submitted_at == env_submitted and kept.version.number == 2
