"""The audit trail is append-only in the database itself (PostgreSQL), and found by parent quickly.

auditlog's admin is replaced by a read-only one (core/admin.py) and nothing in the portal
edits an entry; this trigger also stops raw SQL, a shell, `auditlogflush`, or a future bug
from any account that can reach the database. TRUNCATE fires no row trigger, so the test
runner's flush still empties the table. Deleting a person named as an entry's actor would
blank the entry's actor (SET NULL) and is refused too: the admin says so beforehand.

The index serves core.audit.trail_of(): a proposal's trail gathers the entries whose
additional_data names it as their parent.
"""

from django.db import migrations

TABLE = "auditlog_logentry"

FUNCTION = """
CREATE OR REPLACE FUNCTION audit_trail_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'append-only table %: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    schema_editor.execute(
        f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
        f"FOR EACH ROW EXECUTE FUNCTION audit_trail_append_only()"
    )
    schema_editor.execute(f"CREATE INDEX {TABLE}_parent ON {TABLE} ((additional_data -> 'parent'))")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {TABLE}_parent")
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}")
    schema_editor.execute("DROP FUNCTION IF EXISTS audit_trail_append_only()")


class Migration(migrations.Migration):
    dependencies = [("auditlog", "0017_add_actor_email")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
