"""API tokens that expire (django-rest-knox), and the end of DRF's bare tokens.

DRF's tokens (``rest_framework.authtoken``) never expired and were stored in clear: they are
dropped, not carried over (a key cannot be carried into a hashed, expiring token without
keeping it readable, and a token of unknown age should not live 30 more days). API clients
ask /api/v1/auth/token/ for a new token once, as they did for the first one. The app's
migration records, content types and permissions go with its table, so nothing says it is
still installed.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def forget_drf_tokens(apps, schema_editor):
    # Permissions go with their content type (a cascade).
    apps.get_model("contenttypes", "ContentType").objects.filter(app_label="authtoken").delete()


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_invitation'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS authtoken_token", migrations.RunSQL.noop),
        migrations.RunSQL("DELETE FROM django_migrations WHERE app = 'authtoken'", migrations.RunSQL.noop),
        migrations.RunPython(forget_drf_tokens, migrations.RunPython.noop),
        migrations.CreateModel(
            name='ApiToken',
            fields=[
                ('token_key', models.CharField(db_index=True, max_length=25)),
                ('created', models.DateTimeField(auto_now_add=True)),
                ('expiry', models.DateTimeField(blank=True, null=True)),
                ('id', models.BigAutoField(primary_key=True, serialize=False)),
                ('digest', models.CharField(max_length=128, unique=True)),
                ('name', models.CharField(blank=True, max_length=100, verbose_name='device or script')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='auth_token_set', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'API token',
                'verbose_name_plural': 'API tokens',
                'indexes': [models.Index(fields=['user', 'expiry'], name='apitoken_user_expiry')],
            },
        ),
    ]
