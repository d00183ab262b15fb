"""The proposal's promotion zone group, as a plain id (``zone_group_id``).

Rewritten (issue 13) so that no migration of applications names reviews: this migration
first added a foreign key to reviews.ZoneGroup, which made applications depend on reviews
0002. The column is the same (``zone_group_id``, bigint, indexed, nullable); databases that
ran the old version keep it with its values, and 0012 drops the foreign-key constraint the
old version made. reviews keeps what the key did (declare_zone writes the id, the zone list
reads a group's zones by it, a group still named by a proposal cannot be deleted).
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('applications', '0005_proposal_certificate_number'),
    ]

    operations = [
        migrations.AddField(
            model_name='proposal',
            name='zone_group_id',
            field=models.BigIntegerField(blank=True, db_index=True, editable=False, null=True, verbose_name='promotion zone group'),
        ),
    ]
