"""Removing an annex: only while the proposal may be changed, never one a version holds."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.enums import State
from applications.models import Attachment
from applications.workflow import transition
from tests import paths
from tests.factories import StaffFactory, proponent

from .conftest import attach, member_of, stored_files


def url(a):
    return reverse("annex-delete", args=[a.proposal_id, a.pk])


def messages_of(client, response):
    return [str(m) for m in client.get(response["Location"]).context["messages"]]


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def frozen_then_returned():
    """A proposal whose annex was handed in with version 2, then returned for revision again."""
    proposal = paths.bring_to(State.REVISION_REQUESTED)
    member = member_of(proposal)
    a = attach(proposal, name="แผนที่.pdf", kind="map")
    transition(proposal, "resubmit", by=member)
    staff = StaffFactory()
    transition(proposal, "return_for_revision", by=staff, note="แก้ไขอีกครั้ง",
               deadline=timezone.localdate() + datetime.timedelta(days=30))
    proposal.refresh_from_db()
    assert proposal.status == State.REVISION_REQUESTED
    return proposal, a


@pytest.mark.django_db
def test_delete_confirmed_removes_row_and_file(english, media, draft, django_capture_on_commit_callbacks):
    a = attach(draft, name="ร่าง.pdf")
    english.force_login(member_of(draft))
    page = english.get(url(a))
    assert page.status_code == 200
    assert "Remove ‘ร่าง.pdf’ from the proposal?" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(url(a), {"confirm": "yes"})
    assert response.status_code == 302
    assert messages_of(english, response) == ["‘ร่าง.pdf’ was removed."]
    assert Attachment.objects.count() == 0
    assert stored_files(media) == []


@pytest.mark.django_db
def test_delete_post_without_confirmation_removes_nothing(english, media, draft):
    a = attach(draft)
    english.force_login(member_of(draft))
    response = english.post(url(a), {})
    assert response.status_code == 200  # the confirmation page again
    assert Attachment.objects.filter(pk=a.pk).exists()


@pytest.mark.django_db
def test_delete_of_attachment_frozen_in_a_version_refused(english, media, django_capture_on_commit_callbacks):
    proposal, a = frozen_then_returned()
    english.force_login(member_of(proposal))
    expected = (
        "‘แผนที่.pdf’ cannot be removed: it was handed in with version 2, and a submitted version keeps, for "
        "the record, the files it was judged on. Upload the corrected file as another annex instead."
    )
    page = english.get(url(a))
    assert expected in page.content.decode()
    assert 'name="confirm"' not in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(url(a), {"confirm": "yes"})
    assert messages_of(english, response) == [expected]
    assert Attachment.objects.filter(pk=a.pk).exists()
    assert stored_files(media) == [a.file.name]


@pytest.mark.django_db
def test_delete_refused_when_not_editable(english, media, draft):
    a = attach(draft)
    member = member_of(draft)
    transition(draft, "submit", by=member)
    english.force_login(member)
    response = english.post(url(a), {"confirm": "yes"})
    assert messages_of(english, response) == ["This proposal cannot be changed while it is “Submitted”."]
    assert Attachment.objects.filter(pk=a.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["stranger", "anonymous"])
def test_delete_by_a_stranger_404(client, media, draft, who):
    a = attach(draft)
    if who == "stranger":
        client.force_login(proponent())
    assert client.get(url(a)).status_code == 404
    assert client.post(url(a), {"confirm": "yes"}).status_code == 404
    assert Attachment.objects.filter(pk=a.pk).exists()


@pytest.mark.django_db
def test_delete_by_staff_refused_they_do_not_write_proposals(english, media, draft):
    a = attach(draft)
    english.force_login(StaffFactory())
    response = english.post(url(a), {"confirm": "yes"})
    assert messages_of(english, response) == ["You may only write proposals for your own organisation."]
    assert Attachment.objects.filter(pk=a.pk).exists()
