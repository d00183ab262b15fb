"""Every database guard of the record, read from PostgreSQL itself (pg_trigger), and each one
tried with raw SQL on a world holding a row of every table (issue 14: "raw SQL UPDATE and DELETE
refused").

The inventory is the list the closing note gives: a trigger added or dropped by a migration
fails here by name until the list (and the note) say so. The other files test each guard's
finer rules (an open item still changes, a reopened score is a draft again); this one shows
that no guarded table lets a closed row through, whatever the table.
"""

import pytest
from django.db import DatabaseError

from tests.admin.conftest import certified_with_everything

from .conftest import raw

pytestmark = [pytest.mark.postgres, pytest.mark.usefixtures("on_postgres"), pytest.mark.django_db]

# table -> (the rows the guard holds, an UPDATE's SET that changes a guarded column)
ALWAYS = "TRUE"
GUARDED = {
    # smartcity 0001: the history and the votes.
    "applications_statuschange": (ALWAYS, "id = id"),
    "reviews_vote": (ALWAYS, "id = id"),
    # smartcity 0002: the rest of the record.
    "reviews_resolution": (ALWAYS, "id = id"),
    "reviews_conflictdeclaration": (ALWAYS, "id = id"),
    "applications_proposalversion": (ALWAYS, "id = id"),
    "reviews_scoresubmission": (ALWAYS, "id = id"),
    "reviews_scorereopening": (ALWAYS, "id = id"),
    "reviews_correction": (ALWAYS, "id = id"),
    "reviews_agendaitem": ("closed_at IS NOT NULL OR resolution_id IS NOT NULL", "id = id"),
    "reviews_attendance": (
        "meeting_id IN (SELECT meeting_id FROM reviews_agendaitem WHERE closed_at IS NOT NULL)", "present = present"),
    "reviews_criterionscore": (
        "assignment_id IN (SELECT id FROM reviews_evaluatorassignment WHERE submitted_at IS NOT NULL)",
        "score = score"),
    "applications_proposal": ("certificate_number IS NOT NULL", "certified_on = certified_on - 1"),
    # applications 0010: amendments of the public facts (a decided one is final; none is deleted).
    "applications_proposalamendment": ("decided_at IS NOT NULL", "id = id"),
    # reviews 0005 and 0006 (issue 15, 19): the running of a meeting and the signed documents.
    "reviews_meetingopening": (ALWAYS, "id = id"),
    "reviews_attendanceevent": (ALWAYS, "id = id"),
    "reviews_secretparticipation": (ALWAYS, "id = id"),
    "reviews_secretballot": (ALWAYS, "id = id"),
    "reviews_minutescertification": (ALWAYS, "id = id"),
    "reviews_issueddocument": (ALWAYS, "id = id"),
    # core 0001: the before/after trail (django-auditlog's table).
    "auditlog_logentry": (ALWAYS, "id = id"),
    # privacy 0002: the notice's versions and the answers to them.
    "privacy_privacynotice": (ALWAYS, "id = id"),
    "privacy_acknowledgement": (ALWAYS, "id = id"),
}


def triggers():
    """{table: {trigger names}} of the triggers written by the project's migrations."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND n.nspname = current_schema()"
        )
        found = {}
        for table, name in cursor.fetchall():
            found.setdefault(table, set()).add(name)
        return found


def test_the_guarded_tables_are_exactly_those_the_closing_note_lists():
    assert set(triggers()) == set(GUARDED)


def test_every_guarded_table_refuses_raw_update_and_delete_of_its_closed_rows():
    certified_with_everything()
    problems = []
    for table, (where, change) in GUARDED.items():
        held = raw(f"SELECT 1 FROM {table} WHERE {where}")
        if not held:
            problems.append(f"{table}: the world holds no guarded row")
            continue
        for sql in (f"UPDATE {table} SET {change} WHERE {where}", f"DELETE FROM {table} WHERE {where}"):
            try:
                raw(sql)
            except DatabaseError as exc:
                if "not allowed" not in str(exc) and "append-only" not in str(exc):
                    problems.append(f"{sql}: refused for another reason: {exc}")
            else:
                problems.append(f"{sql}: went through")
    assert not problems, "\n".join(problems)
