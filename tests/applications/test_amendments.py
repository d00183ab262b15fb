"""Public facts change only by amendment (issue 14, item 6).

Once a proposal is public its names, provinces, area and boundary are refused to every
direct writer (editor, API, admin); the proponent asks for an amendment with a reason,
the Office accepts or rejects it, and the register follows the accepted value only.
"""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone, translation

from applications.amendments.facts import PublicFactError
from applications.amendments.models import AmendmentRecord
from applications.amendments.services import amendment_decide, amendment_request
from applications.enums import AmendmentState, State
from applications.models import Proposal, ProposalAmendment, StatusChange
from applications.services import proposal_update
from core.thai import be_year
from tests import paths
from tests.factories import ProposalFactory, StaffFactory, proponent

pytestmark = pytest.mark.django_db

NEW_NAME = "เมืองอัจฉริยะนครใหม่"
# Returned for revision from evaluation: no longer listed in the register, but its facts were public.
PLAN_REVISION = ["submit", "screen", "declare_zone", "submit_plan", "approve_in_principle"]


def member_of(proposal):
    return proposal.organisation.memberships.select_related("user").first().user


def register_names(client):
    """The Thai names the register publishes: its page, the CSV and the JSON export (anonymous, cached)."""
    page = client.get(reverse("city-list")).content.decode()
    rows = csv.DictReader(io.StringIO(client.get("/register/export.csv").content.decode("utf-8-sig")))
    exported = json.loads(client.get("/register/export.json").content)["results"]
    return page, {r["name_th"] for r in rows}, {r["name_th"] for r in exported}


def requested(proposal, **changes):
    return amendment_request(proposal=proposal, by=member_of(proposal), changes=changes or {"name_th": NEW_NAME},
                             reason="เปลี่ยนชื่อตามประกาศกระทรวงมหาดไทย")


# --- direct changes are refused once public --------------------------------------------------


# (The states after the promotion zone are frozen to the proponent whatever the field.)
@pytest.mark.parametrize("steps", [paths.PATHS[State.PROMOTION_ZONE], PLAN_REVISION])
@pytest.mark.parametrize("change", [{"name_th": NEW_NAME}, {"provinces": ["83"]}, {"area_km2": "99.50"}])
def test_a_direct_change_of_a_public_fact_is_refused_and_nothing_changes(steps, change):
    proposal = paths.bring_to(State.DRAFT, steps=steps)
    before = (proposal.name_th, list(proposal.provinces.values_list("code", flat=True)), proposal.area_km2)
    history = proposal.history.count()
    with pytest.raises(PublicFactError) as refused:
        proposal_update(proposal=proposal, by=member_of(proposal), data={**change, "vision": "วิสัยทัศน์ใหม่"})
    assert refused.value.code == "amendment_required"
    assert refused.value.status_of() == 409
    assert "amendment" in refused.value.message
    proposal.refresh_from_db()
    assert (proposal.name_th, list(proposal.provinces.values_list("code", flat=True)), proposal.area_km2) == before
    assert proposal.vision != "วิสัยทัศน์ใหม่"  # the whole write is refused
    assert proposal.history.count() == history


def test_other_fields_stay_editable_and_public_facts_may_be_sent_unchanged():
    proposal = paths.bring_to(State.PROMOTION_ZONE)
    same = {"name_th": proposal.name_th, "provinces": [p.code for p in proposal.provinces.all()],
            "area_km2": proposal.area_km2, "boundary_description": proposal.boundary_description}
    proposal_update(proposal=proposal, by=member_of(proposal), data={**same, "vision": "วิสัยทัศน์ใหม่"})
    proposal.refresh_from_db()
    assert proposal.vision == "วิสัยทัศน์ใหม่"


@pytest.mark.parametrize("steps", [[], paths.PATHS[State.REVISION_REQUESTED]])
def test_before_it_is_public_the_name_is_written_directly(steps):
    proposal = paths.bring_to(State.DRAFT, steps=steps)
    proposal_update(proposal=proposal, by=member_of(proposal), data={"name_th": NEW_NAME})
    proposal.refresh_from_db()
    assert proposal.name_th == NEW_NAME


def test_the_editor_shows_public_facts_locked_and_a_post_cannot_change_them(client):
    proposal = paths.bring_to(State.PROMOTION_ZONE)
    client.force_login(member_of(proposal))
    url = reverse("proposal-edit", args=[proposal.pk, "area"])
    page = client.get(url).content.decode()
    assert reverse("amendment-request", args=[proposal.pk]) in page
    assert 'name="name_th"' in page and "disabled" in page.split('name="name_th"')[1].split(">")[0]
    response = client.post(url, {"name_th": NEW_NAME, "provinces": ["83"], "area_km2": "1", "vision": "ใหม่",
                                 "boundary_description": "อื่น"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.vision == "ใหม่" and proposal.name_th != NEW_NAME and proposal.area_km2 == Decimal("40.21")
    assert [p.code for p in proposal.provinces.all()] != ["83"]


def test_the_admin_shows_public_facts_read_only(client):
    public, draft = paths.bring_to(State.PROMOTION_ZONE), ProposalFactory()
    client.force_login(StaffFactory(is_superuser=True))
    public_form = client.get(reverse("admin:applications_proposal_change", args=[public.pk])).content.decode()
    draft_form = client.get(reverse("admin:applications_proposal_change", args=[draft.pk])).content.decode()
    assert 'name="name_th"' not in public_form and 'name="area_km2"' not in public_form
    assert public.name_th in public_form and "amendment" in public_form
    assert 'name="name_th"' in draft_form
    assert 'name="vision"' in public_form  # the rest of the dossier is still the Office's to correct


# --- request, accept, reject ----------------------------------------------------------------


def test_request_then_accept_the_register_and_the_timeline_follow(client):
    proposal = paths.bring_to(State.CERTIFIED)
    old = proposal.name_th
    page, in_csv, in_json = register_names(client)
    assert old in page and old in in_csv and old in in_json

    amendment = requested(proposal, name_th=NEW_NAME, provinces=["83", "50"], area_km2="55.5")
    assert amendment.changes["name_th"] == {"before": old, "after": NEW_NAME}
    assert amendment.changes["area_km2"] == {"before": "40.21", "after": "55.50"}
    # Pending: the proposal and the register (cached pages included) still show the old name.
    proposal.refresh_from_db()
    assert proposal.name_th == old
    page, in_csv, in_json = register_names(client)
    assert NEW_NAME not in page and NEW_NAME not in in_csv and NEW_NAME not in in_json

    staff = StaffFactory()
    moves = StatusChange.objects.count()
    amendment_decide(amendment=amendment, by=staff, accept=True, note="ตรวจสอบประกาศแล้ว")
    proposal.refresh_from_db()
    assert (proposal.name_th, proposal.area_km2) == (NEW_NAME, Decimal("55.50"))
    assert sorted(p.code for p in proposal.provinces.all()) == ["50", "83"]
    page, in_csv, in_json = register_names(client)
    assert NEW_NAME in page and NEW_NAME in in_csv and NEW_NAME in in_json
    assert old not in in_csv
    # No move is faked; the timeline shows the amendment, before → after, with the Office's officer.
    assert StatusChange.objects.count() == moves
    amendment.refresh_from_db()
    assert (amendment.state, amendment.decided_by, amendment.decision_note) == ("accepted", staff, "ตรวจสอบประกาศแล้ว")
    client.force_login(member_of(proposal))
    with translation.override("th"):
        detail = client.get(reverse("proposal-detail", args=[proposal.pk]), HTTP_ACCEPT_LANGUAGE="th")
    text = detail.content.decode()
    assert f"{old} → {NEW_NAME}" in text
    assert str(be_year(timezone.localdate().year)) in text.split(f"{old} → {NEW_NAME}")[0].rsplit("<li", 2)[-2]


def test_reject_leaves_the_name_and_needs_a_reason():
    proposal = paths.bring_to(State.PROMOTION_ZONE)
    old = proposal.name_th
    amendment = requested(proposal)
    staff = StaffFactory()
    with pytest.raises(PublicFactError) as refused:
        amendment_decide(amendment=amendment, by=staff, accept=False, note=" ")
    assert refused.value.field == "note"
    amendment_decide(amendment=amendment, by=staff, accept=False, note="ไม่มีเอกสารประกอบ")
    proposal.refresh_from_db()
    assert proposal.name_th == old
    amendment.refresh_from_db()
    assert amendment.state == AmendmentState.REJECTED
    with pytest.raises(PublicFactError) as again:
        amendment_decide(amendment=amendment, by=staff, accept=True)
    assert again.value.code == "closed"
    proposal.refresh_from_db()
    assert proposal.name_th == old


def test_only_the_office_decides():
    proposal = paths.bring_to(State.PROMOTION_ZONE)
    amendment = requested(proposal)
    for user in (member_of(proposal), paths.actor("evaluator", proposal), proponent()):
        with pytest.raises(PublicFactError) as refused:
            amendment_decide(amendment=amendment, by=user, accept=True)
        assert refused.value.code == "forbidden"
    proposal.refresh_from_db()
    amendment.refresh_from_db()
    assert proposal.name_th != NEW_NAME and amendment.state == AmendmentState.PENDING


def test_a_stale_amendment_is_not_applied():
    proposal = paths.bring_to(State.PROMOTION_ZONE)
    amendment = requested(proposal)
    Proposal.objects.filter(pk=proposal.pk).update(name_th="แก้ไขนอกระบบ")
    with pytest.raises(PublicFactError):
        amendment_decide(amendment=amendment, by=StaffFactory(), accept=True)
    proposal.refresh_from_db()
    assert proposal.name_th == "แก้ไขนอกระบบ"


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"vision": "ใหม่"}, "vision"),  # not a public fact: the editor's
        ({"name_th": ""}, "name_th"),
        ({"name_th": "ก" * 256}, "name_th"),
        ({"area_km2": "-3"}, "area_km2"),
        ({"area_km2": "1.234"}, "area_km2"),
        ({"area_km2": None}, "area_km2"),
        ({"provinces": ["83", "99"]}, "provinces"),
        ({"provinces": []}, "provinces"),
    ],
)
def test_a_request_is_checked_by_the_models_own_rules(changes, field):
    proposal = paths.bring_to(State.PROMOTION_ZONE)
    with pytest.raises(PublicFactError) as refused:
        requested(proposal, **changes)
    assert (refused.value.code, refused.value.field) == ("invalid", field)
    assert not ProposalAmendment.objects.exists()


def test_a_request_must_change_something_have_a_reason_and_wait_alone():
    proposal = paths.bring_to(State.PROMOTION_ZONE)
    member = member_of(proposal)
    with pytest.raises(PublicFactError, match="Nothing would change"):
        amendment_request(proposal=proposal, by=member, changes={"name_th": f" {proposal.name_th} "}, reason="x")
    with pytest.raises(PublicFactError) as no_reason:
        amendment_request(proposal=proposal, by=member, changes={"name_th": NEW_NAME}, reason="  ")
    assert no_reason.value.field == "reason"
    requested(proposal)
    with pytest.raises(PublicFactError) as twice:
        requested(proposal, name_en="Another")
    assert twice.value.code == "duplicate"
    assert ProposalAmendment.objects.count() == 1


def test_a_stranger_or_a_draft_cannot_request():
    proposal = paths.bring_to(State.PROMOTION_ZONE)
    with pytest.raises(PublicFactError) as stranger:
        amendment_request(proposal=proposal, by=proponent(), changes={"name_th": NEW_NAME}, reason="x")
    assert stranger.value.code == "forbidden"
    draft = ProposalFactory()
    with pytest.raises(PublicFactError) as early:
        amendment_request(proposal=draft, by=proponent(organisation=draft.organisation),
                          changes={"name_th": NEW_NAME}, reason="x")
    assert early.value.code == "not_allowed"
    assert not ProposalAmendment.objects.exists()


# --- the record ------------------------------------------------------------------------------


def test_a_decided_amendment_is_never_edited_nor_any_deleted():
    proposal = paths.bring_to(State.PROMOTION_ZONE)
    amendment = requested(proposal)
    reason = amendment.reason
    with pytest.raises(AmendmentRecord):
        amendment.reason = "แก้เหตุผล"
        amendment.save()
    with pytest.raises(AmendmentRecord):  # a decision never rewrites the request
        amendment.state, amendment.decided_by, amendment.decided_at = "rejected", StaffFactory(), timezone.now()
        amendment.save()
    amendment.refresh_from_db()
    with pytest.raises(AmendmentRecord):
        amendment.delete()
    with pytest.raises(AmendmentRecord):
        ProposalAmendment.objects.filter(pk=amendment.pk).update(state="accepted")
    amendment_decide(amendment=amendment, by=StaffFactory(), accept=False, note="ไม่อนุมัติ")
    amendment.state, amendment.decision_note = AmendmentState.ACCEPTED, "เปลี่ยนใจ"
    with pytest.raises(AmendmentRecord):
        amendment.save(update_fields=["state", "decision_note"])
    with pytest.raises(AmendmentRecord):
        ProposalAmendment.objects.all().delete()
    stored = ProposalAmendment.objects.get()
    assert (stored.state, stored.decision_note, stored.reason) == ("rejected", "ไม่อนุมัติ", reason)


@pytest.mark.postgres
def test_the_database_refuses_raw_sql_on_a_decided_amendment():
    if connection.vendor != "postgresql":
        pytest.skip("the trigger is PostgreSQL's; CI runs it with DATABASE_URL=postgres://")
    proposal = paths.bring_to(State.PROMOTION_ZONE)
    pending = requested(proposal)
    table = ProposalAmendment._meta.db_table
    staff = StaffFactory()
    # While pending, a decision may be written, never the request's own columns, and no row is deleted.
    for sql in (f"UPDATE {table} SET reason = 'x', state = 'rejected', decided_at = now(), decided_by_id = %s "
                f"WHERE id = %s",
                f"DELETE FROM {table} WHERE id = %s AND decided_by_id IS DISTINCT FROM %s"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [staff.pk, pending.pk] if sql.startswith("UPDATE") else [pending.pk, staff.pk])
    amendment_decide(amendment=pending, by=staff, accept=True)
    for sql in (f"UPDATE {table} SET decision_note = 'x' WHERE id = %s",
                f"UPDATE {table} SET state = 'rejected' WHERE id = %s",
                f"DELETE FROM {table} WHERE id = %s"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [pending.pk])
    stored = ProposalAmendment.objects.get()
    assert (stored.state, stored.decision_note) == ("accepted", "")
