"""Admin lists cost the same number of queries whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications.enums import State
from applications.models import Proposal, StatusChange
from tests import paths

from .conftest import certified_with_everything, url
from .test_registry import PORTAL_MODELS


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 3])
def test_proposal_changelist_queries_do_not_grow(client, superuser, django_assert_max_num_queries, rows):
    for _ in range(rows):
        paths.bring_to(State.SCREENING)
    client.force_login(superuser)
    # session, user; filter choices: kinds, regions (4), regions (6); the (bounded) count, no full
    # count; the sidebar's "may add programme settings?"; rows with organisation and province; no
    # date hierarchy (it scanned the table: issue 16); the admin header's outbox counts (waiting,
    # failing; cached for a while, so at most)
    with django_assert_max_num_queries(10):
        response = client.get(url(Proposal))
    assert response.context["cl"].result_count == rows


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 3])
def test_status_change_changelist_queries_do_not_grow(client, superuser, django_assert_num_queries, rows):
    for _ in range(rows):
        paths.bring_to(State.SUBMITTED)  # two rows of history each: create, submit
    client.force_login(superuser)
    # session, user, the (bounded) count, the sidebar's "may add programme settings?", rows with
    # proposal and actor; no full count, no date hierarchy (issue 16: both scanned a million rows)
    with django_assert_num_queries(5):
        response = client.get(url(StatusChange))
    assert response.context["cl"].result_count == 2 * rows


def _counts(client):
    counts = {}
    for model in PORTAL_MODELS:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(model)).status_code == 200
        counts[model._meta.label] = len(captured)
    return counts


@pytest.mark.slow  # every changelist, twice, over three worlds
@pytest.mark.django_db
def test_every_portal_changelist_queries_do_not_grow(client, superuser):
    client.force_login(superuser)
    certified_with_everything()
    with_one = _counts(client)
    certified_with_everything()
    certified_with_everything()
    assert _counts(client) == with_one
