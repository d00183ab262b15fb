"""Where the trail is read: the admin's History of every record, and the Office's trail page
of a proposal (the proposal and its parts, before → after, B.E. dates, paged)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from applications.enums import State
from applications.models import Initiative, Proposal
from core.thai import be_year
from tests import paths
from tests.admin.conftest import url
from tests.factories import EvaluatorFactory, UserFactory

pytestmark = pytest.mark.django_db


def renamed(proposal, *names):
    for name in names:
        proposal.name_en = name
        proposal.save()


def test_admin_history_shows_before_and_after(officer_client):
    proposal = paths.bring_to(State.SCREENING)
    old = proposal.name_en
    renamed(proposal, "ชื่อใหม่ของเมือง")
    body = officer_client.get(url(Proposal, "history", proposal.pk)).content.decode()
    at = body.index("ชื่อใหม่ของเมือง")
    assert old in body[at - 300:at]  # the row shows before, then after
    assert str(be_year(timezone.localdate().year)) in body


def test_admin_history_of_a_part_shows_its_own_changes(officer_client):
    proposal = paths.bring_to(State.DRAFT)
    initiative = Initiative.objects.filter(plan__proposal=proposal).first()
    initiative.budget_thb = 2_500_000
    initiative.end_date = datetime.date(2029, 6, 30)
    initiative.save()
    body = officer_client.get(url(Initiative, "history", initiative.pk)).content.decode()
    assert "2500000" in body
    # Dates in the record are shown in the Buddhist Era, old and new.
    assert "31 ธันวาคม 2571" in body and "30 มิถุนายน 2572" in body


def test_trail_page_lists_the_proposal_and_its_parts_before_and_after(officer_client):
    proposal = paths.bring_to(State.DRAFT)
    renamed(proposal, "Renamed City")
    initiative = Initiative.objects.filter(plan__proposal=proposal).first()
    initiative.title = "โครงการที่แก้ไข"
    initiative.save()
    response = officer_client.get(reverse("proposal-trail", args=[proposal.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Renamed City" in body and "โครงการที่แก้ไข" in body
    assert f"{be_year(timezone.localdate().year)}" in body
    newest = response.context["rows"][0]
    assert (newest.action_label, newest.who) == ("แก้ไข", "ระบบ")  # written outside a request
    assert [(c.before, c.after) for c in newest.changes] == [("โครงการ ENV", "โครงการที่แก้ไข")]


def test_trail_page_shows_a_move_by_its_labels_and_its_officer(officer_client, officer):
    proposal = paths.bring_to(State.SUBMITTED)
    officer_client.post(reverse("screening-detail", args=[proposal.pk]), {"action": "screen"})
    rows = officer_client.get(reverse("proposal-trail", args=[proposal.pk])).context["rows"]
    with translation.override("th"):
        moved = next(r for r in rows if r.what == str(Proposal._meta.verbose_name))
        status = next(c for c in moved.changes if c.label == str(Proposal._meta.get_field("status").verbose_name))
        assert (status.before, status.after) == (State.SUBMITTED.label, State.SCREENING.label)
    assert moved.who == str(officer) and moved.request_id


def test_trail_page_is_linked_from_the_proposal_for_the_office_only(officer_client, client):
    proposal = paths.bring_to(State.SUBMITTED)
    link = reverse("proposal-trail", args=[proposal.pk])
    assert link in officer_client.get(reverse("proposal-detail", args=[proposal.pk])).content.decode()
    client.force_login(paths.actor("proponent", proposal))
    assert link not in client.get(reverse("proposal-detail", args=[proposal.pk])).content.decode()


@pytest.mark.parametrize("who", ["proponent", "evaluator", "is_staff_without_the_office_flag", "stranger"])
def test_trail_page_is_the_office_s_alone(client, who):
    proposal = paths.bring_to(State.SCREENING)
    user = {
        "proponent": lambda: paths.actor("proponent", proposal),
        "evaluator": lambda: paths.actor("evaluator", proposal),
        "is_staff_without_the_office_flag": lambda: UserFactory(is_staff=True),
        "stranger": lambda: EvaluatorFactory(),
    }[who]()
    client.force_login(user)
    assert client.get(reverse("proposal-trail", args=[proposal.pk])).status_code == 404


def test_trail_page_asks_a_visitor_to_sign_in(client):
    proposal = paths.bring_to(State.SCREENING)
    response = client.get(reverse("proposal-trail", args=[proposal.pk]))
    assert response.status_code == 302 and "/login" in response["Location"]


def test_trail_page_is_paged(officer_client):
    proposal = paths.bring_to(State.DRAFT)
    renamed(proposal, *(f"name {n}" for n in range(55)))
    first = officer_client.get(reverse("proposal-trail", args=[proposal.pk]))
    assert len(first.context["rows"]) == 50 and first.context["page"].has_next()
    second = officer_client.get(reverse("proposal-trail", args=[proposal.pk]), {"page": 2})
    assert second.context["page"].number == 2


def test_trail_page_queries_do_not_grow_with_the_rows(officer_client, django_assert_max_num_queries):
    def load(n):
        proposal = paths.bring_to(State.DRAFT)
        for i in range(n):
            # A name and a person each time: the trail names every related person it shows.
            proposal.name_en, proposal.created_by = f"name {i}", UserFactory()
            proposal.save()
        for initiative in Initiative.objects.filter(plan__proposal=proposal):
            initiative.title += " (แก้ไข)"
            initiative.save()
        return reverse("proposal-trail", args=[proposal.pk])

    few, many = load(1), load(40)
    with django_assert_max_num_queries(12) as small:
        officer_client.get(few)
    with django_assert_max_num_queries(len(small)):
        response = officer_client.get(many)
    assert len(response.context["rows"]) == 50


def test_rows_show_fields_the_model_no_longer_has_as_text(db):
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from core.trail import trail_rows

    proposal = paths.bring_to(State.DRAFT)
    entry = LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Proposal), object_pk=str(proposal.pk), object_id=proposal.pk,
        object_repr=str(proposal), action=LogEntry.Action.UPDATE,
        changes={"a_field_since_removed": ["old", "new"], "history": ["None", "x"]},
    )
    [row] = trail_rows([entry])
    assert [(c.label, c.before, c.after) for c in row.changes] == [
        ("a_field_since_removed", "old", "new"), ("history", "—", "x"),
    ]


def test_a_new_row_shows_its_fields_in_the_model_s_order_without_its_id(officer_client):
    from applications.models import StatusChange

    proposal = paths.bring_to(State.SUBMITTED)
    officer_client.post(reverse("screening-detail", args=[proposal.pk]), {"action": "screen"})
    rows = officer_client.get(reverse("proposal-trail", args=[proposal.pk])).context["rows"]
    created = next(r for r in rows if r.what == str(StatusChange._meta.verbose_name))
    with translation.override("th"):
        expected = [str(StatusChange._meta.get_field(n).verbose_name) for n in ("proposal", "action", "from_state")]
    assert [c.label for c in created.changes][:3] == expected
    assert "ID" not in [c.label for c in created.changes]
