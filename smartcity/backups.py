"""Back up and restore the database and the uploaded files, with the engines' own tools.

A backup is a directory holding ``database.dump`` (``pg_dump -Fc``) or
``db.sqlite3`` (SQLite's online backup), ``media.tar.gz`` (MEDIA_ROOT) and
``manifest.json`` (what was saved, with row counts to check a restore by).
Object storage (S3) is not copied here: buckets have their own versioning
and replication (docs/deployment.md).
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

# Left out of every backup: whoever holds a copy could sign in as anyone with a live session
# or an API token (issue 17). After a restore everyone signs in again and makes new tokens.
# (API tokens are stored hashed, but their rows also hold each token's first characters.)
SECRET_TABLES = ("django_session", "accounts_apitoken")

COUNTED = ("applications.Proposal", "applications.StatusChange", "applications.Attachment",
           "applications.ProposalVersion", "reviews.Vote")


def _pg_env(db):
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db):
    args = []
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return args


def counts():
    from django.apps import apps

    return {label: apps.get_model(label).objects.count() for label in COUNTED}


def backup(target: Path) -> Path:
    """Write a dated backup directory under ``target``, readable by its owner only (0700/0600)."""
    # The umask covers every file written below, by pg_dump and tarfile too: a backup holds
    # every proposal and person, so nobody else on the machine may read it (it was 0644).
    old_umask = os.umask(0o077)
    try:
        return _backup(Path(target))
    finally:
        os.umask(old_umask)


def _backup(target: Path) -> Path:
    db = connection.settings_dict
    target.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = target / timezone.localtime().strftime("%Y%m%d-%H%M%S")
    target.mkdir(mode=0o700, exist_ok=False)
    if connection.vendor == "postgresql":
        skip = [f"--exclude-table-data={table}" for table in SECRET_TABLES]
        subprocess.run(["pg_dump", "-Fc", "--no-owner", *skip, *_pg_args(db), "-f", str(target / "database.dump"),
                        db["NAME"]], env=_pg_env(db), check=True)
    else:
        source = sqlite3.connect(db["NAME"])
        with sqlite3.connect(target / "db.sqlite3") as copy:
            source.backup(copy)  # a consistent copy even while the portal writes
            present = {row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            for table in SECRET_TABLES:
                if table in present:
                    copy.execute(f'DELETE FROM "{table}"')  # noqa: S608 (names from the constant above)
        copy.close()
        source.close()
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(target / "media.tar.gz", "w:gz") as tar:
        if media.exists():
            tar.add(media, arcname="media")
    manifest = {"created": timezone.now().isoformat(), "vendor": connection.vendor, "counts": counts()}
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2))
    for path in target.iterdir():
        path.chmod(0o600)  # whatever umask the tools used
    return target


def restore(source: Path) -> dict:
    """Put the database and MEDIA_ROOT back as they were in ``source``; return the manifest."""
    source = Path(source)
    manifest = json.loads((source / "manifest.json").read_text())
    if manifest["vendor"] != connection.vendor:
        raise ValueError(f"the backup is of {manifest['vendor']}, this portal runs on {connection.vendor}")
    db = connection.settings_dict
    connection.close()
    if connection.vendor == "postgresql":
        # --clean drops what the dump holds and creates it again, data and triggers included.
        subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                        *_pg_args(db), "-d", db["NAME"], str(source / "database.dump")],
                       env=_pg_env(db), check=True)
    else:
        with sqlite3.connect(source / "db.sqlite3") as saved, sqlite3.connect(db["NAME"]) as live:
            saved.backup(live)
    media = Path(settings.MEDIA_ROOT)
    if media.exists():
        shutil.rmtree(media)
    media.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / "media.tar.gz", "r:gz") as tar:
        tar.extractall(media.parent / ".restore-tmp", filter="data")
    unpacked = media.parent / ".restore-tmp" / "media"
    if unpacked.exists():
        unpacked.rename(media)
    else:
        media.mkdir()
    shutil.rmtree(media.parent / ".restore-tmp", ignore_errors=True)
    return manifest
