import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    """The map and the exports are cached: every test starts from an empty cache."""
    cache.clear()
    yield
    cache.clear()
