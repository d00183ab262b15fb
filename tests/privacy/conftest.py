import pytest
from django.core.cache import cache

from privacy.defaults import FIRST_NOTICE
from privacy.selectors import VERSION_KEY
from privacy.services import notice_publish


@pytest.fixture(autouse=True)
def no_cached_version():
    """The version in force is cached for a minute: each test starts from its own database."""
    cache.delete(VERSION_KEY)
    yield
    cache.delete(VERSION_KEY)


@pytest.fixture
def notice(db):
    return notice_publish(**FIRST_NOTICE)
