import os

import pytest
from django.core.management import call_command
from django.db import connection


def pytest_collection_modifyitems(config, items):
    # CI must run the PostgreSQL tests, never skip them.
    if os.environ.get("CI") and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise pytest.UsageError("CI runs the suite on PostgreSQL: set DATABASE_URL=postgres://...")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference data (provinces, dimensions, kinds) is part of every test database."""
    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0)


@pytest.fixture
def on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks; CI runs it with DATABASE_URL=postgres://")
