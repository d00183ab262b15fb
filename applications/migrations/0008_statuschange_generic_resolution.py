"""The history's link to the deciding resolution becomes generic: resolution_type + resolution_id.

StatusChange.resolution was a foreign key up to reviews.Resolution, so the bottom of the
domain depended on the app above it. The column ``resolution_id`` stays with its values; its
foreign-key constraint is dropped, and ``resolution_type`` is set to reviews.Resolution's
content type on every row that links one.

Rewritten (issue 13) so that no migration of applications names reviews: 0002 now adds the
column as a plain id, and the constraint the old 0002 made is dropped here by looking it up
(on databases that ran the old 0002 before this one; where this migration had already run,
nothing is run again).

The history is append-only in PostgreSQL (a trigger, smartcity 0001): this one-off fill of a
new column runs with the table's own triggers off, inside the migration's transaction, and
they are on again before it commits.
"""

import django.db.models.deletion
from django.db import migrations, models

TABLE = "applications_statuschange"


def drop_old_foreign_key(apps, schema_editor):
    """Drop the constraint the old 0002 put on resolution_id (to reviews_resolution), if any."""
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        # SQLite keeps foreign keys in the table's definition and enforces them only when asked;
        # its databases here are test and laptop ones, built by the rewritten 0002.
        return
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, TABLE)
    for name, info in constraints.items():
        if info["foreign_key"] and info["columns"] == ["resolution_id"]:
            schema_editor.execute(f'ALTER TABLE {TABLE} DROP CONSTRAINT "{name}"')


def link_type(apps, schema_editor):
    StatusChange = apps.get_model("applications", "StatusChange")
    linked = StatusChange.objects.filter(resolution_id__isnull=False)
    if not linked.exists():
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    resolution, _created = ContentType.objects.get_or_create(app_label="reviews", model="resolution")
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")
    linked.update(resolution_type=resolution)
    if postgres:
        schema_editor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER USER")


class Migration(migrations.Migration):

    dependencies = [
        ("applications", "0007_progress_decimal_apply_renewal"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(drop_old_foreign_key, migrations.RunPython.noop, elidable=False),
        migrations.AddField(
            model_name="statuschange",
            name="resolution_type",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                to="contenttypes.contenttype", verbose_name="kind of decision",
            ),
        ),
        migrations.RunPython(link_type, migrations.RunPython.noop, elidable=False),
    ]
