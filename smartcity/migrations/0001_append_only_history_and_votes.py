"""History and votes are append-only in the database itself (PostgreSQL).

The models already refuse save-after-create and delete, and the admin offers
neither; these triggers also stop raw SQL, a shell, or a future bug from any
account that can reach the database. TRUNCATE does not fire row triggers, so
the test runner's flush still empties the tables. Kept here (not in the two
apps) so the apps' own migration numbering is left alone.
"""

from django.db import migrations

TABLES = ["applications_statuschange", "reviews_vote"]

FUNCTION = """
CREATE OR REPLACE FUNCTION smartcity_append_only() RETURNS trigger AS $$
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
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION smartcity_append_only()"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS smartcity_append_only()")


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
        ("reviews", "0002_agendaitem_closed_at_agendaitem_closed_by_and_more"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
