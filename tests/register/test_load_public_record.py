import time

import pytest
from django.core.management import call_command

from applications.enums import State
from applications.models import Proposal, StatusChange
from register.models import PublicRecord
from reviews.models import Meeting

pytestmark = pytest.mark.django_db


def test_the_record_loads_once_through_the_workflow():
    started = time.monotonic()
    call_command("load_public_record", verbosity=0)
    assert time.monotonic() - started < 30
    certified = Proposal.objects.filter(status=State.CERTIFIED)
    assert certified.count() == 29
    assert certified.values("provinces__code").distinct().count() == 23
    assert Proposal.objects.filter(status=State.APPROVED).count() == 6
    assert PublicRecord.objects.count() == 35
    assert PublicRecord.objects.filter(round=3, english_name_only=True).count() == 6
    labels = {(m.body.kind, m.label) for m in Meeting.objects.select_related("body")}
    assert {("subcommittee", "1/2564"), ("subcommittee", "2/2564"), ("subcommittee", "1/2565")} <= labels
    phuket = Proposal.objects.get(name_en="Phuket Smart City")
    assert str(phuket.certified_on) == "2021-11-05"
    assert phuket.certificate_number == f"SCT-2564-{phuket.pk:05d}"
    assert list(phuket.history.values_list("to_state", flat=True)) == [
        "draft", "submitted", "screening", "promotion_zone", "evaluation", "on_agenda", "approved",
        "acknowledged", "certified",
    ]
    approve = phuket.history.get(to_state="approved")
    assert approve.resolution.meeting.label == "1/2564"
    assert approve.at.date().isoformat() == "2021-05-24"
    changes = StatusChange.objects.count()
    call_command("load_public_record", verbosity=0)
    assert Proposal.objects.count() == 35
    assert StatusChange.objects.count() == changes


def test_the_exports_carry_the_records_round_and_source_and_invent_no_end_date(client):
    call_command("load_public_record", verbosity=0)
    rows = {r["name_en"]: r for r in client.get("/register/export.json").json()["results"]}
    assert len(rows) == 35
    phuket = rows["Phuket Smart City"]
    assert (phuket["round"], phuket["certified_on"], phuket["certified_year_be"]) == (1, "2021-11-05", 2564)
    assert phuket["source"] and phuket["valid_until"] is None
    assert phuket["provinces"][0]["name_en"] == "Phuket" and not phuket["name_known_only_in_english"]
    assert phuket["url"] == f"http://testserver/register/cities/{phuket['id']}/"
    pending = [r for r in rows.values() if r["status"] == "approved"]
    assert len(pending) == 6 and all(r["name_known_only_in_english"] and r["round"] == 3 for r in pending)
