"""The migrations' dependencies between the project's apps, read from the files (no database).

A migration of a lower app that depends on a higher app's migration ties the two apps together:
neither can be migrated, squashed or left out without the other. Two such ties remain, each
listed here with why, so that a new one fails this test (issue 13):

- applications 0006 adds ``Proposal.zone_group``, a live foreign key to reviews.ZoneGroup;
  the link has to move to the reviews side before the tie can go (docs/architecture.md).
- applications 0009 forgets ProgressReport only after monitoring 0002 has taken it over
  (monitoring's ``run_before``): the table moved between apps, once.
- notifications 0005 adds ``Notification.meeting``, a foreign key up to reviews.Meeting, so the
  inbox can say a meeting was cancelled instead of linking to it (issue 15). Like the zone link,
  it should become a plain id with the inbox's meeting facts filled in by a hook of reviews.

The old tie of applications 0002 to reviews 0001 (``StatusChange.resolution``, a foreign key
up to reviews.Resolution until 0008) is gone: 0002 adds the column as a plain id.
"""

from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

generic_resolution = import_module("applications.migrations.0008_statuschange_generic_resolution")

# Bottom first, as scripts/layers.py and docs/architecture.md order them.
LAYERS = ["core", "provinces", "dimensions", "accounts", "applications", "notifications", "reviews",
          "monitoring", "register", "demo", "smartcity"]
LEVEL = {app: n for n, app in enumerate(LAYERS)}

KNOWN_UPWARD = {
    ("applications", "0006_proposal_zone_group", "reviews"),
    ("applications", "0009_progressreport_to_monitoring", "monitoring"),
    ("notifications", "0005_meeting_news", "reviews"),
}


def _edges():
    """(app, migration, app it depends on) for every dependency between two project apps."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    edges = set()
    for app, name in graph.nodes:
        for parent, _parent_name in graph.node_map[(app, name)].parents:
            if app != parent and app in LEVEL and parent in LEVEL:
                edges.add((app, name, parent))
    return edges


def _cycles(edges):
    """The sets of apps whose migrations depend on each other, round a circle."""
    reach = {app: set() for app in LEVEL}
    for app, _name, parent in edges:
        reach[app].add(parent)
    changed = True
    while changed:
        changed = False
        for targets in reach.values():
            more = set().union(set(), *(reach[t] for t in targets)) - targets
            if more:
                targets |= more
                changed = True
    return {frozenset({a} | {b for b in reach[a] if a in reach[b]}) for a in LEVEL if a in reach[a]}


def test_no_migration_of_a_lower_app_depends_on_a_higher_one_beyond_the_two_known():
    upward = {(app, name, parent) for app, name, parent in _edges() if LEVEL[parent] > LEVEL[app]}
    assert upward == KNOWN_UPWARD


def test_the_status_history_no_longer_ties_applications_to_reviews():
    reviews_ties = {name for app, name, parent in _edges() if (app, parent) == ("applications", "reviews")}
    assert reviews_ties == {"0006_proposal_zone_group"}


def test_the_only_circle_between_apps_is_the_one_the_known_ties_make():
    assert _cycles(_edges()) == {frozenset({"applications", "reviews", "monitoring"})}
    # Without the two known ties, no circle at all.
    assert _cycles(_edges() - KNOWN_UPWARD) == set()


@pytest.mark.django_db
def test_fresh_database_history_links_resolutions_by_id_only():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "applications_statuschange")
    on_column = [info for info in constraints.values() if info["columns"] == ["resolution_id"]]
    assert [(info["foreign_key"], info["index"]) for info in on_column] == [(None, True)]


@pytest.mark.django_db
def test_old_foreign_key_of_a_database_migrated_before_is_dropped(on_postgres):
    """A database that ran the old 0002 (a foreign key) but not 0008 loses the key in 0008."""
    with connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE applications_statuschange ADD CONSTRAINT old_resolution_fk "
            "FOREIGN KEY (resolution_id) REFERENCES reviews_resolution (id) DEFERRABLE INITIALLY DEFERRED"
        )
    with connection.schema_editor() as editor:
        generic_resolution.drop_old_foreign_key(None, editor)
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "applications_statuschange")
    assert "old_resolution_fk" not in constraints
    assert [n for n, info in constraints.items() if info["foreign_key"] and info["columns"] == ["resolution_id"]] == []
