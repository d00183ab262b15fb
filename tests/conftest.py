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


@pytest.fixture(autouse=True)
def reference_data_after_flush(request):
    """Transactional tests end with a flush that empties every table; put the
    reference data back before each of them. (Django's serialized_rollback
    cannot be relied on here: Playwright's greenlets give the main thread a
    fresh connection object without the snapshot.)"""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from dimensions.models import Dimension

    if not Dimension.objects.exists():
        call_command("load_reference_data", verbosity=0)


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


@pytest.fixture
def tasks_in_process():
    """Run Celery tasks in this process, as `make run` does, even when CI sets a broker."""
    from smartcity.celery import app

    was = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = was
