"""Drop the foreign-key constraint the old 0005 put on ``notifications_notification.meeting_id``.

0005 now adds the column as a plain id (issue 13: the outbox no longer depends on reviews).
Databases that ran the old 0005 have the same column, values and index, plus a constraint to
reviews_meeting; it is looked up and dropped here (as applications 0008 does for the history's
resolution). Fresh databases have none and nothing is run.
"""

from django.db import migrations

TABLE = "notifications_notification"


def drop_old_foreign_key(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        # SQLite keeps foreign keys in the table's definition and enforces them only when asked;
        # its databases here are test and laptop ones.
        return
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, TABLE)
    for name, info in constraints.items():
        if info["foreign_key"] and info["columns"] == ["meeting_id"]:
            schema_editor.execute(f'ALTER TABLE {TABLE} DROP CONSTRAINT "{name}"')


class Migration(migrations.Migration):

    dependencies = [("notifications", "0007_all_kinds")]

    operations = [migrations.RunPython(drop_old_foreign_key, migrations.RunPython.noop, elidable=False)]
