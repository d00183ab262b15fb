"""The migrations' dependencies between the project's apps, read from the files (no database).

A migration of a lower app that depends on a higher app's migration ties the two apps together:
neither can be migrated, squashed or left out without the other. None is left (issue 13), and a
new one fails here. The last three went this way, each link kept on the higher app's side:

- applications 0006 added ``Proposal.zone_group``, a foreign key up to reviews.ZoneGroup: it is
  now a plain id (``zone_group_id``, 0012 drops the old constraint); reviews reads a group's
  zones by it and refuses to delete a group a proposal names (reviews/evaluation/zones.py).
- applications 0009 forgot ProgressReport after monitoring 0002 took it over (monitoring's
  ``run_before``): monitoring 0002 now does both halves of the move; 0009 is empty.
- notifications 0005 added ``Notification.meeting``, a foreign key up to reviews.Meeting: it is
  now a plain id (``meeting_id``, 0008 drops the old constraint); reviews fills the inbox's
  meetings through notifications.subjects and links the old rows (reviews 0007).

The old tie of applications 0002 to reviews 0001 (``StatusChange.resolution``, a foreign key
up to reviews.Resolution until 0008) went first: 0002 adds the column as a plain id.
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


def _upward(edges):
    return {(app, name, parent) for app, name, parent in edges if LEVEL[parent] > LEVEL[app]}


def test_no_migration_of_a_lower_app_depends_on_a_higher_one():
    assert _upward(_edges()) == set()


def test_the_check_sees_a_tie_when_one_is_made():
    """The same reading finds a reintroduced tie (a dependency up from applications to reviews)."""
    tie = ("applications", "0006_proposal_zone_group", "reviews")
    assert _upward(_edges() | {tie}) == {tie}
    assert [{"applications", "reviews"} <= circle for circle in _cycles(_edges() | {tie})] == [True]


def test_the_migrations_of_the_apps_form_no_circle():
    assert _cycles(_edges()) == set()


def test_a_higher_app_does_depend_on_lower_ones():
    """The reading is not empty by accident: reviews' migrations do depend on applications'."""
    assert ("reviews", "applications") in {(app, parent) for app, _name, parent in _edges()}


@pytest.mark.django_db
@pytest.mark.parametrize("table, column", [
    ("applications_statuschange", "resolution_id"),
    ("applications_proposal", "zone_group_id"),
    ("notifications_notification", "meeting_id"),
])
def test_fresh_database_links_up_by_id_only(table, column):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    on_column = [info for info in constraints.values() if info["columns"] == [column]]
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
