import playwright.sync_api
import pytest

from tests import paths
from tests.browser.conftest import chromium, page, screenshot_dir  # noqa: F401 (fixtures for the browser test)
from tests.factories import ProposalFactory, proponent


class _OnePlaywright:
    """One Playwright per process, however many ``chromium`` fixtures use it.

    The browser fixtures imported above become a second session fixture of this
    folder; Playwright's sync API refuses a second instance in the same thread
    while tests/browser's is open, so both share one (each launches its own Chromium).
    """

    real = playwright.sync_api.sync_playwright
    manager = instance = None
    users = 0

    def __enter__(self):
        cls = type(self)
        if cls.users == 0:
            cls.manager = cls.real()
            cls.instance = cls.manager.__enter__()
        cls.users += 1
        return cls.instance

    def __exit__(self, *exc):
        cls = type(self)
        cls.users -= 1
        if cls.users == 0:
            cls.manager.__exit__(*exc)
            cls.manager = cls.instance = None


# tests/browser/conftest.py imports sync_playwright when its fixture starts, so it gets this one.
playwright.sync_api.sync_playwright = _OnePlaywright


@pytest.fixture
def member():
    return proponent(username="phuket.officer")


@pytest.fixture
def draft(member):
    """An empty draft of the member's organisation, created the real way."""
    proposal = ProposalFactory(
        organisation=member.memberships.get().organisation, created_by=member,
        name_th="ภูเก็ตเมืองอัจฉริยะ", name_en="Phuket Smart City",
    )
    paths.record_creation(proposal, by=member)
    return proposal


@pytest.fixture
def writer(client, member):
    """The member signed in, reading English pages."""
    client.force_login(member)
    client.cookies["django_language"] = "en"
    return client
