import os

import pytest
from django.core.management import call_command
from django.db import connection, connections


def pytest_collection_modifyitems(config, items):
    # CI must run the PostgreSQL tests, never skip them.
    if os.environ.get("CI") and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise pytest.UsageError("CI runs the suite on PostgreSQL: set DATABASE_URL=postgres://...")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference data (provinces, dimensions, kinds) is part of every test database."""
    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0)
        # Transactional tests end with a flush. Snapshot the database now, so
        # tests marked serialized_rollback=True start with the reference data.
        for alias in connections:
            conn = connections[alias]
            conn._test_serialized_contents = conn.creation.serialize_db_to_string()


@pytest.fixture
def on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks; CI runs it with DATABASE_URL=postgres://")


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Direct calls (commands, services) read messages in English; pages still
    negotiate their own language, and Thai is tested explicitly with override("th")."""
    from django.utils import translation

    with translation.override("en"):
        yield
