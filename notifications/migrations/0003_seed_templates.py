from django.db import migrations


def seed(apps, schema_editor):
    # The wording as shipped; staff edit it in the admin afterwards.
    from notifications.templates_load import load

    load(apps.get_model("notifications", "NotificationTemplate"))


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_outbox_hardening")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
