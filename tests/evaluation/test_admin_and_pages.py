"""The admin action for evaluation, and every evaluation page rendering in Thai."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from accounts.models import User
from tests import paths
from tests.factories import EvaluatorFactory, StaffFactory

from .helpers import assign, in_evaluation, score

pytestmark = pytest.mark.django_db


def test_admin_reopen_action_asks_why_then_makes_submitted_scores_a_draft(client):
    a = assign(in_evaluation(), "ENV", EvaluatorFactory())
    score(a, 80)
    admin = StaffFactory(is_superuser=True)
    client.force_login(admin)
    url = reverse("admin:reviews_evaluatorassignment_changelist")
    asked = client.post(url, {"action": "reopen_for_scoring", ACTION_CHECKBOX_NAME: [a.pk]})
    assert asked.status_code == 200 and 'name="reason"' in asked.content.decode()
    a.refresh_from_db()
    assert a.submitted_at is not None  # nothing done before the confirmation
    response = client.post(url, {"action": "reopen_for_scoring", ACTION_CHECKBOX_NAME: [a.pk], "post": "yes",
                                 "reason": "คะแนนด้านย่อยที่ 3 กรอกผิด"})
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.submitted_at is None
    assert a.scores.count() == 5
    reopening = a.reopenings.get()
    assert (reopening.by, reopening.reason) == (admin, "คะแนนด้านย่อยที่ 3 กรอกผิด")
    assert reopening.submission == a.submissions.get()  # what was submitted stays


def test_pages_render_in_thai(client):
    proposal = in_evaluation()
    a = assign(proposal, "ENV", EvaluatorFactory())
    screening = paths.bring_to("screening")
    staff = StaffFactory()
    client.force_login(staff)
    client.cookies["django_language"] = "th"
    for url in (reverse("screening"), reverse("screening-detail", args=[screening.pk]), reverse("zone-groups"),
                reverse("assign-evaluators", args=[proposal.pk]), reverse("score-matrix")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="th">' in response.content.decode()
    client.force_login(User.objects.get(pk=a.evaluator_id))
    for url in (reverse("my-assignments"), reverse("assignment-score", args=[a.pk])):
        assert client.get(url).status_code == 200, url


def test_nav_links_by_role(client):
    client.cookies["django_language"] = "en"
    client.force_login(StaffFactory())
    body = client.get(reverse("home")).content.decode()
    assert reverse("screening") in body and reverse("score-matrix") in body
    assert reverse("my-assignments") not in body
    client.force_login(EvaluatorFactory())
    body = client.get(reverse("home")).content.decode()
    assert reverse("my-assignments") in body
    assert reverse("screening") not in body
