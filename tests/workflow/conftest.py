import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():
    # These tests read the rules' messages word for word; the Thai ones are tested apart.
    with translation.override("en"):
        yield
