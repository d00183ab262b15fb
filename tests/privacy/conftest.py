import pytest

from privacy.defaults import FIRST_NOTICE
from privacy.services import notice_publish


@pytest.fixture
def notice(db):
    return notice_publish(**FIRST_NOTICE)
