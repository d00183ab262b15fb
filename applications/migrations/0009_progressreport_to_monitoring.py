"""ProgressReport now belongs to monitoring (monitoring 0002 takes it over, table and rows
unchanged): applications forgets it, in the project's state only."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("applications", "0008_statuschange_generic_resolution"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ProgressReport")],
        ),
    ]
