"""Issue 17, finding 7: backups are readable by their owner only and hold no live session or token.

A backup was written 0644 and held API tokens and session keys in clear: anyone who could
read the file could sign in as anyone. Now the directory is 0700, every file 0600, and the
tables of sessions and tokens are left out (their structure stays, so a restore works).
"""

import stat
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from accounts.models import ApiToken
from smartcity.backups import _pg_env
from tests.factories import ProposalFactory, proponent

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_backup_is_private_and_leaves_sessions_and_tokens_out(on_postgres, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    user = proponent()
    ProposalFactory(organisation=user.memberships.get().organisation, name_th="สำรองข้อมูลเมืองทดสอบ")
    token, key = ApiToken.objects.create(user=user)
    client = Client()
    client.force_login(user)
    session_key = client.session.session_key

    out = _Out()
    call_command("backup", str(tmp_path / "backups"), stdout=out)
    made = Path(out.text.strip())

    assert _mode(tmp_path / "backups") == 0o700 and _mode(made) == 0o700
    assert {p.name: _mode(p) for p in made.iterdir()} == {
        "database.dump": 0o600, "manifest.json": 0o600, "media.tar.gz": 0o600,
    }
    data = subprocess.run(
        ["pg_restore", "--data-only", "-f", "-", str(made / "database.dump")],
        env=_pg_env(connection.settings_dict), check=True, capture_output=True, text=True,
    ).stdout
    assert "สำรองข้อมูลเมืองทดสอบ" in data  # the record is there...
    assert key[:8] not in data and token.digest not in data  # ...the keys to sign in are not
    assert session_key not in data


class _Out:
    def __init__(self):
        self.text = ""

    def write(self, s):
        self.text += s

    def flush(self):
        pass
