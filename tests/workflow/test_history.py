"""The history is append-only through every normal path of the ORM."""

import pytest

from applications.enums import State
from applications.models import Proposal, StatusChange
from tests import paths


@pytest.mark.django_db
def test_history_row_cannot_be_saved_again():
    proposal = paths.bring_to(State.SUBMITTED)
    row = proposal.history.last()
    row.note = "แก้ไขย้อนหลัง"
    with pytest.raises(PermissionError):
        row.save()
    assert StatusChange.objects.get(pk=row.pk).note == ""


@pytest.mark.django_db
def test_history_row_cannot_be_deleted():
    proposal = paths.bring_to(State.SUBMITTED)
    row = proposal.history.last()
    with pytest.raises(PermissionError):
        row.delete()
    with pytest.raises(PermissionError):
        StatusChange.objects.filter(pk=row.pk).delete()
    with pytest.raises(PermissionError):
        proposal.history.all().delete()
    assert StatusChange.objects.filter(proposal=proposal).count() == 2


@pytest.mark.django_db
def test_history_cannot_be_updated_in_bulk():
    proposal = paths.bring_to(State.SCREENING)
    rows = list(proposal.history.all())
    with pytest.raises(PermissionError):
        StatusChange.objects.filter(proposal=proposal).update(note="x")
    for r in rows:
        r.note = "x"
    with pytest.raises(PermissionError):
        StatusChange.objects.bulk_update(rows, ["note"])
    assert set(proposal.history.values_list("note", flat=True)) == {""}


@pytest.mark.django_db
def test_proposal_with_history_cannot_be_deleted_with_it():
    from django.db.models import ProtectedError

    proposal = paths.bring_to(State.SUBMITTED)
    with pytest.raises(ProtectedError):
        proposal.delete()
    assert Proposal.objects.filter(pk=proposal.pk).exists()


@pytest.mark.django_db
def test_stale_instance_save_does_not_undo_a_move():
    proposal = paths.bring_to(State.SUBMITTED)
    stale = Proposal.objects.get(pk=proposal.pk)
    paths.transition(proposal, "screen", by=paths.StaffFactory())
    stale.vision = "วิสัยทัศน์ใหม่"
    stale.save()
    fresh = Proposal.objects.get(pk=proposal.pk)
    assert (fresh.status, fresh.vision) == (State.SCREENING, "วิสัยทัศน์ใหม่")


def test_only_the_workflow_writes_the_state():
    """Guard the house rule in the source: no other module assigns or updates ``status``."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    writes = re.compile(r"\.status(_changed_at)?\s*=[^=]|update\([^)]*\bstatus(_changed_at)?\s*=")
    offenders = []
    for path in root.glob("*/**/*.py"):
        rel = path.relative_to(root).as_posix()
        if rel.startswith((".venv/", "tests/")) or "/migrations/" in rel or rel == "applications/workflow.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if writes.search(line):
                offenders.append(f"{rel}:{number}: {line.strip()}")
    assert offenders == []
