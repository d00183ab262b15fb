"""The history's link to the deciding resolution becomes generic: resolution_type + resolution_id.

Until now StatusChange.resolution was a foreign key up to reviews.Resolution, so the bottom
of the domain depended on the app above it. The column ``resolution_id`` stays with its
values (only its foreign-key constraint is dropped), and ``resolution_type`` is set to
reviews.Resolution's content type on every row that links one.

The history is append-only in PostgreSQL (a trigger, smartcity 0001): this one-off fill of a
new column runs with the table's own triggers off, inside the migration's transaction, and
they are on again before it commits. (The foreign key below names reviews.resolution only to
drop its constraint; its model is in the state through 0002.)
"""

import django.db.models.deletion
from django.db import migrations, models

TABLE = "applications_statuschange"


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
        # Drop the constraint; the column and its values stay.
        migrations.AlterField(
            model_name="statuschange",
            name="resolution",
            field=models.ForeignKey(
                blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.PROTECT,
                related_name="status_changes", to="reviews.resolution", verbose_name="meeting resolution",
            ),
        ),
        # The same column, now a plain id.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="statuschange", name="resolution"),
                migrations.AddField(
                    model_name="statuschange",
                    name="resolution_id",
                    field=models.BigIntegerField(
                        blank=True, db_index=True, null=True, verbose_name="meeting resolution"
                    ),
                ),
            ],
        ),
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
