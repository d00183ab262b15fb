"""Drop the foreign-key constraint the old 0006 put on ``applications_proposal.zone_group_id``.

0006 now adds the column as a plain id (issue 13: applications no longer depends on reviews).
Databases that ran the old 0006 have the same column, with its values and its index, plus a
constraint to reviews_zonegroup; it is looked up and dropped here, as 0008 does for the
history's resolution. Fresh databases have no such constraint and nothing is run.
"""

from django.db import migrations

TABLE = "applications_proposal"


def drop_old_foreign_key(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        # SQLite keeps foreign keys in the table's definition and enforces them only when asked;
        # its databases here are test and laptop ones (see 0008).
        return
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, TABLE)
    for name, info in constraints.items():
        if info["foreign_key"] and info["columns"] == ["zone_group_id"]:
            schema_editor.execute(f'ALTER TABLE {TABLE} DROP CONSTRAINT "{name}"')


class Migration(migrations.Migration):

    dependencies = [("applications", "0011_list_indexes")]

    operations = [migrations.RunPython(drop_old_foreign_key, migrations.RunPython.noop, elidable=False)]
