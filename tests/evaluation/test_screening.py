"""Screening: the checklist, the staff's moves, and promotion zones declared in their group."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from applications.enums import State
from applications.models import Proposal
from applications.workflow import TransitionError
from provinces.models import Region
from reviews.evaluation import services
from reviews.models import ZoneGroup
from tests import paths
from tests.factories import EvaluatorFactory, StaffFactory

pytestmark = pytest.mark.django_db


def north():
    return Region.objects.filter(scheme="four").order_by("order").first()


@pytest.fixture
def staff_client(client):
    staff = StaffFactory()
    client.force_login(staff)
    client.cookies["django_language"] = "en"
    client.staff = staff
    return client


def test_screening_list_shows_submitted_and_screening_only(staff_client):
    submitted = paths.bring_to("submitted")
    screening = paths.bring_to("screening")
    zone = paths.bring_to("promotion_zone")
    body = staff_client.get(reverse("screening")).content.decode()
    assert submitted.reference in body
    assert screening.reference in body
    assert zone.reference not in body


@pytest.mark.parametrize("user", ["anonymous", "proponent", "evaluator"])
def test_screening_pages_not_staff_404(client, user):
    proposal = paths.bring_to("screening")
    if user == "anonymous":
        assert client.get(reverse("screening")).status_code == 302  # to the sign-in page
        return
    who = paths.actor("proponent", proposal) if user == "proponent" else EvaluatorFactory()
    client.force_login(who)
    assert client.get(reverse("screening")).status_code == 404
    assert client.get(reverse("screening-detail", args=[proposal.pk])).status_code == 404
    assert client.get(reverse("zone-groups")).status_code == 404


def test_screening_detail_checklist_lists_missing_items(staff_client):
    proposal = paths.bring_to("screening")
    proposal.management_model = ""
    proposal.save()
    body = staff_client.get(reverse("screening-detail", args=[proposal.pk])).content.decode()
    assert "Criterion 5: describe the management model." in body
    assert "1 item is missing" in body


def test_screening_detail_complete_proposal_says_complete(staff_client):
    proposal = paths.bring_to("screening")
    body = staff_client.get(reverse("screening-detail", args=[proposal.pk])).content.decode()
    assert "Complete: all five criteria" in body


def test_start_screening_moves_to_screening(staff_client):
    proposal = paths.bring_to("submitted")
    response = staff_client.post(reverse("screening-detail", args=[proposal.pk]), {"action": "screen"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == State.SCREENING
    assert proposal.history.latest("at").actor == staff_client.staff


def test_return_for_revision_records_note_and_deadline(staff_client):
    proposal = paths.bring_to("screening")
    due = timezone.localdate() + datetime.timedelta(days=20)
    response = staff_client.post(reverse("screening-detail", args=[proposal.pk]), {
        "action": "return", "return-note": "แนบแผนที่ขอบเขต", "return-deadline": due.isoformat(),
    })
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == State.REVISION_REQUESTED
    assert proposal.revision_deadline == due
    assert proposal.history.latest("at").note == "แนบแผนที่ขอบเขต"


def test_return_for_revision_past_deadline_shows_error_by_field(staff_client):
    proposal = paths.bring_to("screening")
    response = staff_client.post(reverse("screening-detail", args=[proposal.pk]), {
        "action": "return", "return-note": "แก้ไข", "return-deadline": timezone.localdate().isoformat(),
    })
    assert response.status_code == 400
    body = response.content.decode()
    assert 'role="alert"' in body
    assert "The deadline must be after today." in body
    assert 'href="#id_return-deadline"' in body
    proposal.refresh_from_db()
    assert proposal.status == State.SCREENING


def test_reject_without_confirmation_refused(staff_client):
    proposal = paths.bring_to("screening")
    response = staff_client.post(reverse("screening-detail", args=[proposal.pk]),
                                 {"action": "reject", "reject-note": "ไม่ครบถ้วน"})
    assert response.status_code == 400
    proposal.refresh_from_db()
    assert proposal.status == State.SCREENING


def test_reject_with_reasons_rejects(staff_client):
    proposal = paths.bring_to("screening")
    response = staff_client.post(reverse("screening-detail", args=[proposal.pk]),
                                 {"action": "reject", "reject-note": "ไม่ครบถ้วน", "reject-confirm": "on"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == State.REJECTED
    assert proposal.history.latest("at").note == "ไม่ครบถ้วน"


def test_declare_zone_new_group_sets_group(staff_client):
    proposal = paths.bring_to("screening")
    region = north()
    response = staff_client.post(reverse("screening-detail", args=[proposal.pk]), {
        "action": "zone", "zone-number": "1", "zone-region": region.pk, "zone-announced_on": "2025-03-01",
    })
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == State.PROMOTION_ZONE
    group = ZoneGroup.objects.get(pk=proposal.zone_group_id)
    assert (group.number, group.region, group.announced_on) == (1, region, datetime.date(2025, 3, 1))


def test_declare_zone_existing_group_reuses_it(staff_client):
    group = ZoneGroup.objects.create(number=2, region=north(), announced_on=datetime.date(2025, 1, 5))
    proposal = paths.bring_to("screening")
    staff_client.post(reverse("screening-detail", args=[proposal.pk]), {"action": "zone", "zone-group": group.pk})
    proposal.refresh_from_db()
    assert (proposal.status, proposal.zone_group_id) == (State.PROMOTION_ZONE, group.pk)
    assert ZoneGroup.objects.count() == 1


def test_declare_zone_duplicate_new_group_error_by_field(staff_client):
    ZoneGroup.objects.create(number=1, region=north(), announced_on=datetime.date(2025, 1, 5))
    proposal = paths.bring_to("screening")
    response = staff_client.post(reverse("screening-detail", args=[proposal.pk]), {
        "action": "zone", "zone-number": "1", "zone-region": north().pk, "zone-announced_on": "2025-03-01",
    })
    assert response.status_code == 400
    assert 'href="#id_zone-number"' in response.content.decode()
    proposal.refresh_from_db()
    assert (proposal.status, proposal.zone_group_id) == (State.SCREENING, None)


def test_declare_zone_refused_move_leaves_no_group():
    proposal = paths.bring_to("screening")
    proposal.vision = ""  # the guard now refuses the move
    proposal.save()
    with pytest.raises(TransitionError) as refused:
        services.declare_zone(proposal=proposal, by=StaffFactory(), number=3, region=north(),
                              announced_on=datetime.date(2025, 3, 1))
    assert refused.value.code == "guard"
    proposal.refresh_from_db()
    assert (proposal.status, proposal.zone_group_id) == (State.SCREENING, None)
    assert not ZoneGroup.objects.exists()  # the new group went with the refused move


def test_declare_zone_refused_with_existing_group_leaves_proposal_ungrouped():
    group = ZoneGroup.objects.create(number=1, region=north(), announced_on=datetime.date(2025, 1, 5))
    proposal = paths.bring_to("submitted")  # not yet screening: the move is not allowed
    with pytest.raises(TransitionError):
        services.declare_zone(proposal=proposal, by=StaffFactory(), group=group)
    proposal.refresh_from_db()
    assert proposal.zone_group_id is None
    assert not Proposal.objects.filter(zone_group_id=group.pk).exists()


def test_declare_zone_region_of_six_scheme_refused():
    proposal = paths.bring_to("screening")
    six = Region.objects.filter(scheme="six").first()
    with pytest.raises(services.EvaluationError) as refused:
        services.declare_zone(proposal=proposal, by=StaffFactory(), number=1, region=six,
                              announced_on=datetime.date(2025, 3, 1))
    assert refused.value.field == "region"


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_screening_list_queries_constant_in_rows(staff_client):
    paths.bring_to("submitted")
    one = _queries(staff_client, reverse("screening"))
    paths.bring_to("submitted")
    paths.bring_to("screening")
    assert _queries(staff_client, reverse("screening")) == one


def test_zone_list_shows_group_with_proposals_and_queries_constant(staff_client):
    def zone():
        p = paths.bring_to("screening")
        services.declare_zone(proposal=p, by=staff_client.staff, group=ZoneGroup.objects.get_or_create(
            number=1, region=north(), defaults={"announced_on": datetime.date(2025, 3, 1)})[0])
        return p

    first = zone()
    one = _queries(staff_client, reverse("zone-groups"))
    zone()
    zone()
    ZoneGroup.objects.create(number=2, region=north(), announced_on=datetime.date(2025, 4, 1))
    assert _queries(staff_client, reverse("zone-groups")) == one
    body = staff_client.get(reverse("zone-groups")).content.decode()
    assert f"Group 1, {north().name_en}" in body
    assert first.name_en in body


def test_screening_a_resubmission_shows_its_version_and_what_changed(staff_client):
    from applications.workflow import transition

    proposal = paths.bring_to("screening")
    member = proposal.organisation.memberships.first().user
    transition(proposal, "return_for_revision", by=staff_client.staff, note="ขาดแผนที่",
               deadline=timezone.localdate() + datetime.timedelta(days=30))
    transition(proposal, "resubmit", by=member)  # back in screening, as version 2
    body = staff_client.get(reverse("screening-detail", args=[proposal.pk])).content.decode()
    assert "Version 2 as handed in" in body
    assert f'href="{reverse("version-compare", args=[proposal.pk])}?from=1&amp;to=2"' in body
    first = paths.bring_to("screening")
    body = staff_client.get(reverse("screening-detail", args=[first.pk])).content.decode()
    assert "Version 1 as handed in" in body and "what changed since" not in body


def test_screening_decide_makes_each_step_and_refuses_an_unknown_one():
    staff = StaffFactory()
    submitted = paths.bring_to("submitted")
    services.screening_decide(proposal=submitted, by=staff, step="screen")
    submitted.refresh_from_db()
    assert submitted.status == State.SCREENING
    deadline = timezone.localdate() + datetime.timedelta(days=14)
    services.screening_decide(proposal=submitted, by=staff, step="return", data={"note": "Add the map.",
                                                                                 "deadline": deadline})
    submitted.refresh_from_db()
    assert (submitted.status, submitted.revision_deadline) == (State.REVISION_REQUESTED, deadline)
    screening = paths.bring_to("screening")
    with translation.override("en"), pytest.raises(services.EvaluationError) as refused:
        services.screening_decide(proposal=screening, by=staff, step="certify")
    assert (refused.value.message, refused.value.code) == ("Choose a step.", "invalid")
    screening.refresh_from_db()
    assert screening.status == State.SCREENING


def test_screening_page_unknown_step_is_refused_and_changes_nothing(staff_client):
    proposal = paths.bring_to("screening")
    response = staff_client.post(reverse("screening-detail", args=[proposal.pk]), {"action": "certify"})
    assert response.status_code == 400
    assert "Choose a step." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == State.SCREENING
