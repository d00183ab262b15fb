"""Re-assignment reopens only what staff choose (issue 14, item 7).

The audit: the assign page opened with every current evaluator ticked, so
sending only Mobility back reopened all four dimensions against the new version
and e-mailed every evaluator again. Now nothing starts ticked, the page shows
what would change and asks to confirm, and only the chosen are reopened and told.
"""

import datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from dimensions.models import Dimension
from notifications.models import Notification
from reviews.evaluation import services
from reviews.models import CriterionScore, EvaluatorAssignment
from tests import paths
from tests.factories import EvaluatorFactory, StaffFactory, UserFactory

from .helpers import assign, in_evaluation, score

pytestmark = pytest.mark.django_db

FOUR = ("ENV", "MOB", "LIV", "ENE")


def due(days=14):
    return timezone.localdate() + datetime.timedelta(days=days)


class FormScraper(HTMLParser):
    """What a browser would post from the page's assign form as rendered (ticks included)."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self.data = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.data = {}
            self.forms.append(self.data)
        if self.data is None:
            return
        if tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind == "submit" or (kind in ("checkbox", "radio") and "checked" not in attrs):
                return
            self.data.setdefault(attrs["name"], []).append(attrs.get("value", ""))
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.data[self.textarea] = [""]

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            if self.textarea:
                self.data[self.textarea][0] = self.data[self.textarea][0].lstrip("\n")
            self.textarea = None
        elif tag == "form":
            self.data = None


def scrape(response) -> dict:
    """The fields of the form that asks for the due date (the assign form)."""
    parser = FormScraper()
    parser.feed(response.content.decode())
    return next(form for form in parser.forms if "due_on" in form)


def ticked(data) -> dict:
    return {name: values for name, values in data.items() if name.startswith("dim_")}


def record(proposal):
    """Everything re-assignment must leave alone: each assignment's state and its scores."""
    return {
        a.pk: (a.dimension.code, a.evaluator_id, a.version_id, a.submitted_at, a.due_on,
               sorted(CriterionScore.objects.filter(assignment=a).values_list("subcriterion_id", "score", "comment")))
        for a in EvaluatorAssignment.objects.filter(proposal=proposal).select_related("dimension")
    }


def told(proposal):
    return sorted(Notification.objects.filter(proposal=proposal, event="evaluation.assigned")
                  .values_list("recipient_id", flat=True))


@pytest.fixture
def scored():
    """Four dimensions scored and submitted on version 2, then a revised plan handed in (version 3)."""
    proposal = in_evaluation(FOUR)
    staff = StaffFactory()
    people = {}
    for code, value in zip(FOUR, (80, 85, 50, 90), strict=True):
        people[code] = EvaluatorFactory(first_name=f"ผู้ประเมิน{code}", last_name="ทดสอบ")
        score(assign(proposal, code, people[code], staff=staff), value)
    paths.transition(proposal, "approve_in_principle", by=staff, note="ปรับแผนด้านการเดินทาง", deadline=due())
    paths.transition(proposal, "resubmit_plan", by=proposal.organisation.memberships.first().user)
    return proposal, people


def url(proposal):
    return reverse("assign-evaluators", args=[proposal.pk])


def test_form_opens_with_nothing_ticked_and_says_where_each_dimension_stands(client):
    proposal = in_evaluation(FOUR)
    env, mob, liv = EvaluatorFactory(), EvaluatorFactory(), EvaluatorFactory()
    score(assign(proposal, "ENV", env), 80)
    score(assign(proposal, "MOB", mob), 50)
    assign(proposal, "LIV", liv)  # still scoring; ENE has nobody yet
    client.force_login(StaffFactory())
    client.cookies["django_language"] = "en"
    response = client.get(url(proposal))
    assert response.status_code == 200
    assert ticked(scrape(response)) == {}
    body = response.content.decode()
    assert "80.00%" in body and "50.00%" in body
    assert "✓ passed" in body and "✗ below the mark" in body
    assert "In progress" in body
    assert "Not assigned yet." in body


def test_sending_only_mobility_back_reopens_only_mobility_and_tells_only_its_evaluator(client, scored):
    proposal, people = scored
    before, told_before = record(proposal), told(proposal)
    client.force_login(StaffFactory())
    client.cookies["django_language"] = "en"
    # As a browser would: the page as it opens, plus Mobility's evaluator ticked.
    data = scrape(client.get(url(proposal)))
    data["dim_MOB"] = [str(people["MOB"].pk)]
    data["reason"] = ["แผนด้านการเดินทางปรับใหม่"]
    shown = client.post(url(proposal), data)
    assert shown.status_code == 200
    assert record(proposal) == before and told(proposal) == told_before  # only a summary so far
    body = shown.content.decode()
    start = body.index('id="confirm-panel"')
    summary = body[start:body.index("</section>", start)]
    assert "Smart Mobility" in summary and "scored against version 3" in summary
    assert "the submitted scores are sent back to be scored again" in summary
    assert "Keep their submitted scores and are not told" in summary
    for code in ("ENV", "LIV", "ENE"):
        assert people[code].get_full_name() in summary
    # Confirm the summary as shown.
    data = scrape(shown)
    data.update(confirm=["yes"], intent=["confirm"])
    done = client.post(url(proposal), data)
    assert done.status_code == 302
    after = record(proposal)
    mob = EvaluatorAssignment.objects.get(proposal=proposal, dimension__code="MOB")
    assert mob.submitted_at is None and mob.version.number == 3
    assert {pk: row for pk, row in after.items() if pk != mob.pk} == \
        {pk: row for pk, row in before.items() if pk != mob.pk}
    assert all(row[3] is not None and row[2] == before[pk][2] for pk, row in after.items() if pk != mob.pk)
    assert told(proposal) == sorted(told_before + [people["MOB"].pk])


def test_without_confirmation_nothing_changes_and_the_choice_stays_ticked(client, scored):
    proposal, people = scored
    before, told_before = record(proposal), told(proposal)
    client.force_login(StaffFactory())
    client.cookies["django_language"] = "en"
    data = {"dim_MOB": [people["MOB"].pk], "due_on": due().isoformat(), "reason": "ปรับแผน"}
    shown = client.post(url(proposal), data)
    assert shown.status_code == 200
    assert ticked(scrape(shown)) == {"dim_MOB": [str(people["MOB"].pk)]}
    digest = shown.context["plan"].digest
    # "Confirm" pressed without the box ticked.
    refused = client.post(url(proposal), {**data, "intent": "confirm", "plan": digest})
    assert refused.status_code == 400
    assert "Tick the box to confirm" in refused.content.decode()
    assert ticked(scrape(refused)) == {"dim_MOB": [str(people["MOB"].pk)]}
    # The box ticked, but the choice changed after the summary: the new one is shown, nothing done.
    changed = {**data, "dim_ENV": [people["ENV"].pk]}
    refused = client.post(url(proposal), {**changed, "intent": "confirm", "confirm": "yes", "plan": digest})
    assert refused.status_code == 400
    assert "changed after the summary was shown" in refused.content.decode()
    assert refused.context["plan"].digest != digest
    assert {line.dimension.code for line in refused.context["plan"].rescored} == {"ENV", "MOB"}
    assert record(proposal) == before and told(proposal) == told_before


def test_confirmed_plan_refused_when_the_assignments_changed_meanwhile():
    proposal = in_evaluation()
    env, mob = EvaluatorFactory(), EvaluatorFactory()
    score(assign(proposal, "ENV", env), 80)
    open_one = assign(proposal, "MOB", mob)
    staff = StaffFactory()
    choice = {"proposal": proposal, "by": staff, "choices": {Dimension.objects.get(code="ENV"): [env]},
              "due_on": due(), "reason": "ทบทวน"}
    digest = services.assignment_plan(**choice).digest
    score(open_one, 60)  # Mobility's evaluator submits while staff read the summary
    before, told_before = record(proposal), told(proposal)
    with pytest.raises(services.EvaluationError) as refused:
        services.assign_evaluators(**choice, confirmed=digest)
    assert refused.value.code == "plan_changed"
    assert record(proposal) == before and told(proposal) == told_before


def test_page_shows_the_new_summary_when_scores_came_in_after_it(client):
    proposal = in_evaluation()
    env, mob = EvaluatorFactory(), EvaluatorFactory()
    score(assign(proposal, "ENV", env), 80)
    open_one = assign(proposal, "MOB", mob)
    client.force_login(StaffFactory())
    client.cookies["django_language"] = "en"
    data = {"dim_ENV": [env.pk], "dim_MOB": [mob.pk], "due_on": due().isoformat(), "reason": "ทบทวน"}
    shown = client.post(url(proposal), data)
    assert [line.action for line in shown.context["plan"].lines] == ["rescore", "continue"]
    score(open_one, 60)  # submitted while staff read the summary: ticking it now sends it back
    before, told_before = record(proposal), told(proposal)
    refused = client.post(url(proposal), {**data, "intent": "confirm", "confirm": "yes",
                                          "plan": shown.context["plan"].digest})
    assert refused.status_code == 400
    assert "The assignments changed after the summary was shown" in refused.content.decode()
    assert [line.action for line in refused.context["plan"].lines] == ["rescore", "rescore"]
    assert record(proposal) == before and told(proposal) == told_before


def test_sending_back_goes_through_reopen_assignment_with_the_reason(monkeypatch, scored):
    proposal, people = scored
    calls = []
    real = services.reopen_assignment

    def spy(**kwargs):
        calls.append((kwargs["assignment"].pk, kwargs.get("reason")))
        return real(**kwargs)

    monkeypatch.setattr(services, "reopen_assignment", spy)
    services.assign_evaluators(proposal=proposal, by=StaffFactory(), due_on=due(), reason="แผนฉบับใหม่",
                               choices={Dimension.objects.get(code="MOB"): [people["MOB"]]})
    mob = EvaluatorAssignment.objects.get(proposal=proposal, dimension__code="MOB")
    assert calls == [(mob.pk, "แผนฉบับใหม่")]


def test_first_assignment_of_a_dimension_needs_no_reason_and_is_listed_as_new(client):
    proposal = in_evaluation()
    env, newcomer = EvaluatorFactory(), EvaluatorFactory()
    score(assign(proposal, "ENV", env), 80)
    before, told_before = record(proposal), told(proposal)
    client.force_login(StaffFactory())
    client.cookies["django_language"] = "en"
    data = {"dim_MOB": [newcomer.pk], "due_on": due().isoformat()}
    shown = client.post(url(proposal), data)
    assert shown.status_code == 200
    plan = shown.context["plan"]
    assert [(line.dimension.code, line.evaluator, line.action) for line in plan.lines] == \
        [("MOB", newcomer, "new")]
    assert "newly assigned" in shown.content.decode()
    done = client.post(url(proposal), {**data, "intent": "confirm", "confirm": "yes", "plan": plan.digest})
    assert done.status_code == 302
    after = record(proposal)
    assert {pk: after[pk] for pk in before} == before
    assert told(proposal) == sorted(told_before + [newcomer.pk])


@pytest.mark.parametrize("case", ["nothing", "unknown", "not_evaluator", "no_reason", "past_due"])
def test_bad_input_is_explained_and_changes_nothing(client, scored, case):
    proposal, people = scored
    before, told_before = record(proposal), told(proposal)
    client.force_login(StaffFactory())
    client.cookies["django_language"] = "en"
    data = {"dim_MOB": [people["MOB"].pk], "due_on": due().isoformat(), "reason": "ปรับแผน"}
    expected = {
        "nothing": "Choose at least one evaluator.",
        "unknown": "Choose evaluators from the list",
        "not_evaluator": "Choose evaluators from the list",
        "no_reason": "Say why the submitted scores are sent back",
        "past_due": "The due date cannot be in the past.",
    }[case]
    if case == "nothing":
        del data["dim_MOB"]
    elif case == "unknown":
        data["dim_MOB"] = [999999]
    elif case == "not_evaluator":
        data["dim_MOB"] = [UserFactory().pk]
    elif case == "no_reason":
        data["reason"] = " "
    else:
        data["due_on"] = due(-1).isoformat()
    for extra in ({}, {"intent": "confirm", "confirm": "yes", "plan": "x"}):
        response = client.post(url(proposal), {**data, **extra})
        assert response.status_code == 400
        assert expected in response.content.decode()
        assert response.context["plan"] is None
    assert record(proposal) == before and told(proposal) == told_before


def test_inactive_evaluator_refused_by_the_service(scored):
    proposal, people = scored
    gone = EvaluatorFactory(is_active=False)
    with pytest.raises(services.EvaluationError):
        services.assign_evaluators(proposal=proposal, by=StaffFactory(), due_on=due(),
                                   choices={Dimension.objects.get(code="MOB"): [gone]})
    assert not EvaluatorAssignment.objects.filter(evaluator=gone).exists()


def test_the_summary_and_refusals_read_in_thai(client, scored):
    proposal, people = scored
    client.force_login(StaffFactory())
    client.cookies["django_language"] = "th"
    body = client.get(url(proposal)).content.decode()
    assert "ทำเครื่องหมายเฉพาะผู้ประเมิน" in body
    data = {"dim_MOB": [people["MOB"].pk], "due_on": due().isoformat(), "reason": "ปรับแผน"}
    body = client.post(url(proposal), data).content.decode()
    assert "ยังไม่มีการเปลี่ยนแปลงใด ๆ" in body
    assert "ส่งคะแนนที่ส่งแล้วกลับไปให้ประเมินใหม่" in body
    body = client.post(url(proposal), {**data, "reason": ""}).content.decode()
    assert "โปรดระบุเหตุผล" in body


def test_assign_page_queries_do_not_grow_with_the_assignments(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    proposal = in_evaluation()
    client.force_login(StaffFactory())

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(proposal)).status_code == 200
        return len(queries)

    score(assign(proposal, "ENV", EvaluatorFactory()), 80)
    few = count()
    for _ in range(3):
        score(assign(proposal, "ENV", EvaluatorFactory()), 70)
        assign(proposal, "MOB", EvaluatorFactory())
    assert count() == few
