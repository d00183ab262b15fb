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
    db = connection.settings_dict
    target = Path(target) / timezone.localtime().strftime("%Y%m%d-%H%M%S")
    target.mkdir(parents=True, exist_ok=False)
    if connection.vendor == "postgresql":
        subprocess.run(["pg_dump", "-Fc", "--no-owner", *_pg_args(db), "-f", str(target / "database.dump"),
                        db["NAME"]], env=_pg_env(db), check=True)
    else:
        source = sqlite3.connect(db["NAME"])
        with sqlite3.connect(target / "db.sqlite3") as copy:
            source.backup(copy)  # a consistent copy even while the portal writes
        source.close()
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(target / "media.tar.gz", "w:gz") as tar:
        if media.exists():
            tar.add(media, arcname="media")
    manifest = {"created": timezone.now().isoformat(), "vendor": connection.vendor, "counts": counts()}
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2))
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
