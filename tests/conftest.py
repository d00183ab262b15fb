import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction


def pytest_collection_modifyitems(config, items):
    # CI must run the PostgreSQL tests, never skip them.
    if os.environ.get("CI") and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise pytest.UsageError("CI runs the suite on PostgreSQL: set DATABASE_URL=postgres://...")


@pytest.fixture(scope="session", autouse=True)
def worker_apart(tmp_path_factory):
    """What one test process writes outside its database, kept apart from the others'.

    Under pytest-xdist each worker gets its own test database from pytest-django
    (test_<name>_gw0, _gw1, ...), its own tmp_path folders from pytest, and a free
    port for each live_server. Left to share: the folder of uploaded files (here one
    per process, never the checkout's var/media) and the Redis the broker names,
    where a worker's in-process Celery worker would take tasks queued by another
    worker's tests for rows of another database (here each worker's keys carry its
    own prefix).
    """
    from django.test.utils import override_settings

    from smartcity.celery import app

    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    media.enable()
    # The documents are signed with a development key made for this process (reviews/documents/signing.py).
    from reviews.documents.signing import devkey_generate

    signing_dir = tmp_path_factory.mktemp("signing") / "dev"
    override_settings(SIGNING_DEV_DIR=signing_dir).enable()
    devkey_generate(signing_dir)
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    saved = app.conf.broker_transport_options
    if worker:
        app.conf.broker_transport_options = {**(saved or {}), "global_keyprefix": f"tests-{worker}:"}
        app._pool = None
        app.amqp._producer_pool = None
    yield
    app.conf.broker_transport_options = saved
    media.disable()


@pytest.fixture(scope="module")
def built_once(django_db_setup, django_db_blocker):
    """Rows a module's tests share, built once, as Django's TestCase.setUpTestData builds them.

    Use it in a module-scoped fixture: ``with built_once(): return build()``. The rows live
    in an atomic block that every test's own block nests in, so each test still rolls back
    to them; the whole block is rolled back when the module's tests are done. Every later
    test of the module sees the rows, asked for or not: use it where all of them do. Not
    for transactional tests (they would flush the shared rows).
    """
    atomic = transaction.atomic()
    with django_db_blocker.unblock():
        atomic.__enter__()
    try:
        yield django_db_blocker.unblock
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


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


@pytest.fixture(autouse=True)
def privacy_notice_version_forgotten():
    """The privacy notice's version in force is cached for a minute (privacy/selectors.py); a test's
    database is rolled back, the cache is not: each test reads the version from its own rows."""
    from django.core.cache import cache

    from privacy.selectors import VERSION_KEY

    cache.delete(VERSION_KEY)


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


# --- Headless Chromium through Playwright (shared by every folder of browser tests) ---

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {reason}", pytrace=False)
        pytest.skip(reason)
    # Playwright's sync API runs an event loop in this thread; Django refuses ORM
    # calls from such a thread unless told it is safe here (the loop is idle).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    """A fresh profile (no cookies) of a Thai user, recording every request it makes."""
    context = chromium.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.requested_urls = []
    page.on("request", lambda request: page.requested_urls.append(request.url))
    yield page
    context.close()


@pytest.fixture
def screenshot_dir(tmp_path):
    """Where screenshots go: BROWSER_SCREENSHOTS if set (to look at them), else a temp folder."""
    folder = Path(os.environ.get("BROWSER_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder
