"""Indexes in the order and filter of each list page of proposals (issue 16).

At 100,000 proposals a list page that sorts every row to show 50 costs a tenth of a second;
read through an index in its order it reads the 50. Partial indexes (by state) for the queues
that only ever show a few states, so they stay small:

- ``/proposals/`` and the admin's list: newest change first (``-updated_at, -id``);
- the screening queue (``reviews/evaluation``): submitted and screening, oldest first;
- the score matrix: in evaluation, longest waiting first;
- the monitoring overview: certified and renewal cities by end date and name.

Plain SQL that PostgreSQL and SQLite both understand, as register/migrations/0002; the state
names are the workflow's values (applications.enums.State).
"""

from django.db import migrations

INDEXES = {
    "applications_proposal_updated_idx": "(updated_at DESC, id DESC)",
    "applications_proposal_screening_idx": "(submitted_at, id) WHERE status IN ('submitted', 'screening')",
    "applications_proposal_evaluation_idx": "(status_changed_at, id) WHERE status = 'evaluation'",
    "applications_proposal_certified_idx": "(valid_until, name_th, id) WHERE status IN ('certified', 'renewal')",
}


class Migration(migrations.Migration):
    dependencies = [("applications", "0010_proposal_amendment")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {name} ON applications_proposal {columns}",
            f"DROP INDEX IF EXISTS {name}",
        )
        for name, columns in INDEXES.items()
    ]
