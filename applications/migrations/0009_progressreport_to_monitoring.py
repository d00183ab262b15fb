"""ProgressReport now belongs to monitoring: nothing to do here any more.

This migration used to forget the model in the project's state, after monitoring 0002 had
taken it over (monitoring's ``run_before``), which tied applications' history to monitoring.
monitoring 0002 now does both halves of the move (issue 13); this one stays, empty, because
databases record it as applied and 0010 follows it.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("applications", "0008_statuschange_generic_resolution"),
    ]

    operations = []
