"""The trail cannot be changed afterwards: not in the database (PostgreSQL), not in the admin."""

import pytest
from auditlog.models import LogEntry
from django.db import connection, transaction
from django.db.utils import DatabaseError

from applications.models import ProgrammeSettings
from tests.admin.conftest import url
from tests.factories import UserFactory

from .conftest import entries_of

pytestmark = pytest.mark.django_db


def an_entry():
    row = ProgrammeSettings.load()
    row.revision_days = 45
    row.save()
    return entries_of(row)[-1]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's (CI runs it)")
@pytest.mark.parametrize("sql", [
    "UPDATE auditlog_logentry SET changes = '{}' WHERE id = %s",
    "UPDATE auditlog_logentry SET actor_id = NULL WHERE id = %s",
    "DELETE FROM auditlog_logentry WHERE id = %s",
])
def test_the_database_refuses_to_change_or_delete_an_entry(sql):
    entry = an_entry()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [entry.pk])
    entry.refresh_from_db()
    assert entry.changes == {"revision_days": ["30", "45"]}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's (CI runs it)")
def test_the_orm_cannot_delete_the_trail_either():
    an_entry()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        LogEntry.objects.all().delete()


def test_the_trail_admin_reads_but_never_writes(client, db):
    entry = an_entry()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(url(LogEntry)).status_code == 200
    page = client.get(url(LogEntry, "change", entry.pk))
    assert page.status_code == 200 and "30" in page.content.decode() and "45" in page.content.decode()
    assert client.post(url(LogEntry, "change", entry.pk), {"object_repr": "x"}).status_code == 403
    assert client.post(url(LogEntry, "delete", entry.pk), {"post": "yes"}).status_code == 403
    assert client.get(url(LogEntry, "add")).status_code == 403
    assert LogEntry.objects.filter(pk=entry.pk, object_repr=entry.object_repr).exists()


def test_the_trail_admin_is_the_office_s_alone(client, db):
    from django.contrib.auth.models import Permission

    an_entry()
    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="auditlog"))
    client.force_login(user)
    assert client.get(url(LogEntry)).status_code == 403


def test_a_person_named_in_the_trail_is_not_deleted_from_the_admin(client, db):
    boss = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(boss)
    actor = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(actor)
    client.post(url(ProgrammeSettings, "change", ProgrammeSettings.load().pk), {
        "min_dimensions": 2, "pass_mark_percent": 71, "validity_years": 3, "renewal_min_progress_percent": 50,
        "revision_days": 30,
    })
    assert LogEntry.objects.filter(actor=actor).exists()
    client.force_login(boss)
    response = client.post(url(type(actor), "delete", actor.pk), {"post": "yes"})
    assert response.status_code == 200  # the confirmation page again, naming what stops it
    assert "มีการแก้ไขที่บันทึกไว้ในประวัติการแก้ไข" in response.content.decode()
    assert type(actor).objects.filter(pk=actor.pk).exists()
