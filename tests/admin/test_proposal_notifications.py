"""The proposal's admin page shows what was sent to whom about it, at a cost that does not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications.enums import State
from applications.models import Proposal
from notifications.models import Notification
from tests import paths
from tests.factories import StaffFactory

from .conftest import url


@pytest.mark.django_db
def test_staff_see_on_the_proposal_who_was_told_what_and_whether_it_went_out(
    client, officer, django_capture_on_commit_callbacks, tasks_in_process,
):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = paths.bring_to(State.SUBMITTED, walk=True)
    other = paths.bring_to(State.SUBMITTED, walk=True)  # not this proposal's
    rows = list(Notification.objects.filter(proposal=proposal).select_related("recipient"))
    assert {r.recipient_id for r in rows} >= {proposal.organisation.memberships.first().user_id, officer.pk}
    client.force_login(officer)

    response = client.get(url(Proposal, "change", proposal.pk))

    page = response.content.decode()
    assert "การแจ้งเตือนที่ส่งแล้ว" in page
    shown = response.context["inline_admin_formsets"][-1].formset.queryset
    assert sorted(n.pk for n in shown) == sorted(r.pk for r in rows)
    for row in rows:
        assert row.subject in page
        assert (row.recipient.get_full_name() or row.recipient.username) in page
        assert row.sent_at is not None  # delivered: the e-mailed time is shown, not "-"
    assert other.pk not in {n.proposal_id for n in shown}
    inline = response.context["inline_admin_formsets"][-1]
    assert not inline.has_add_permission and not inline.has_change_permission  # read, never written here


def _change_page_queries(client, proposal):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url(Proposal, "change", proposal.pk)).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_proposal_change_page_queries_do_not_grow_with_notifications(client, superuser):
    few = paths.bring_to(State.SUBMITTED, walk=True)
    for _ in range(3):
        StaffFactory()  # three more of the Office hear of the next submission
    many = paths.bring_to(State.SUBMITTED, walk=True)
    assert Notification.objects.filter(proposal=many).count() > Notification.objects.filter(proposal=few).count()
    client.force_login(superuser)
    _change_page_queries(client, few)  # warm caches (content types, settings rows)
    assert _change_page_queries(client, many) == _change_page_queries(client, few)
