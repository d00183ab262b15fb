"""make backup / make restore: back up, wipe, restore, and find the same proposals, history and files."""

from pathlib import Path

import pytest
from django.core.management import call_command

from applications.enums import State
from applications.models import Attachment, Proposal, StatusChange
from tests import paths
from tests.annexes.conftest import attach


def state():
    return (
        sorted(Proposal.objects.values_list("pk", "name_th", "status")),
        sorted(StatusChange.objects.values_list("pk", "proposal_id", "action", "to_state", "at", "note")),
        sorted((a.pk, a.original_name, a.sha256, Path(a.file.path).read_bytes()) for a in Attachment.objects.all()),
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_gives_back_the_same_data(on_postgres, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    revised = paths.bring_to(State.REVISION_REQUESTED)
    attach(revised)
    attach(revised, name="แผนที่.pdf", kind="map")
    paths.bring_to(State.CERTIFIED)
    before = state()
    assert len(before[0]) == 2 and len(before[1]) > 10 and len(before[2]) == 2

    call_command("backup", str(tmp_path / "backups"), stdout=(out := _Out()))
    made = Path(out.text.strip())
    assert sorted(p.name for p in made.iterdir()) == ["database.dump", "manifest.json", "media.tar.gz"]

    # Wipe: every table emptied (TRUNCATE, which the append-only triggers allow) and the files gone.
    call_command("flush", "--no-input")
    for f in (tmp_path / "media").rglob("*"):
        if f.is_file():
            f.unlink()
    assert Proposal.objects.count() == 0 and StatusChange.objects.count() == 0

    call_command("restore", str(made), "--yes", stdout=_Out())
    assert state() == before
    # The restored history is still append-only in the database.
    from django.db import DatabaseError, connection, transaction

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM applications_statuschange")


class _Out:
    def __init__(self):
        self.text = ""

    def write(self, s):
        self.text += s

    def flush(self):
        pass
