"""ProgressReport moves from applications to monitoring, which writes and reads it.

Only the project's state moves: the table keeps its name (``applications_progressreport``),
its rows, its constraint and the foreign keys to it. The content type follows the model, so
the permissions granted on it and the admin's log entries stay attached.

Rewritten (issue 13): applications 0009 used to forget the model, and this migration had to run
before it (``run_before``), which tied the bottom app's history to this one. Both halves of the
move are now done here, in one step: monitoring takes the model over, points its annual report
at it, then removes applications' ProgressReport from the project's state (ForgetModel below).
applications 0009 is kept, empty, as databases record it as applied.
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models
from django.db.migrations.operations.base import Operation


class ForgetModel(Operation):
    """Remove another app's model from the project's state only (its table and rows stay): the
    leaving half of a move between apps, done by the app that takes the model over, so the app
    it leaves does not have to wait for it. Nothing is run on the database either way."""

    reversible = True

    def __init__(self, app_label, name):
        self.app_label, self.name = app_label, name

    def deconstruct(self):
        return (self.__class__.__name__, [], {"app_label": self.app_label, "name": self.name})

    def state_forwards(self, app_label, state):
        state.remove_model(self.app_label, self.name.lower())

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def describe(self):
        return f"Forget {self.app_label}.{self.name} (now this app's; table kept)"


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="monitoring", model="progressreport").exists():
        ContentType.objects.filter(app_label="applications", model="progressreport").update(app_label="monitoring")


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="applications", model="progressreport").exists():
        ContentType.objects.filter(app_label="monitoring", model="progressreport").update(app_label="applications")


class Migration(migrations.Migration):

    dependencies = [
        ("applications", "0008_statuschange_generic_resolution"),
        ("monitoring", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ProgressReport",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("period_end", models.DateField(verbose_name="period ending")),
                        ("progress_percent", models.DecimalField(decimal_places=1, max_digits=4, validators=[django.core.validators.MinValueValidator(Decimal("0")), django.core.validators.MaxValueValidator(100)], verbose_name="plan progress (%)")),
                        ("summary", models.TextField(blank=True, verbose_name="summary")),
                        ("submitted_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="submitted")),
                        ("proposal", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="progress_reports", to="applications.proposal", verbose_name="proposal")),
                        ("submitted_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="submitted by")),
                    ],
                    options={
                        "verbose_name": "progress report",
                        "verbose_name_plural": "progress reports",
                        "db_table": "applications_progressreport",
                        "ordering": ["-period_end"],
                        "constraints": [models.CheckConstraint(condition=models.Q(("progress_percent__lte", 100)), name="progress_at_most_100")],
                    },
                ),
                migrations.AlterField(
                    model_name="annualreport",
                    name="accepted_figure",
                    field=models.OneToOneField(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="annual_report", to="monitoring.progressreport"),
                ),
                ForgetModel(app_label="applications", name="ProgressReport"),
            ],
        ),
        migrations.RunPython(move_content_type, move_content_type_back, elidable=False),
    ]
