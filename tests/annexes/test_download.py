"""Downloading an annex: only the people who work on the proposal; everybody else 404."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from applications.enums import Role, State
from tests import paths
from tests.factories import StaffFactory, proponent

from .conftest import attach, member_of, pdf_bytes, rewritten


def url(attachment, pk=None):
    return reverse("annex-download", args=[pk or attachment.proposal_id, attachment.pk])


@pytest.mark.django_db
def test_download_by_member_gives_the_bytes_under_the_thai_name(client, media, draft):
    content = pdf_bytes(b"% annex\n")
    a = attach(draft, name="หนังสือสนับสนุน จังหวัด.pdf", content=content, kind="support_letter")
    client.force_login(proponent(organisation=draft.organisation))  # a colleague, not the uploader
    response = client.get(url(a))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == rewritten(content)  # the safe copy, not the upload
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''" + quote("หนังสือสนับสนุน จังหวัด.pdf")
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Length"] == str(len(rewritten(content)))


@pytest.mark.django_db
def test_download_png_map_keeps_its_stored_type(client, media, draft):
    from .conftest import png_bytes

    a = attach(draft, name="map.png", content=png_bytes(), kind="map")
    client.force_login(member_of(draft))
    response = client.get(url(a))
    assert (response.status_code, response["Content-Type"]) == (200, "image/png")
    assert response["Content-Disposition"] == 'attachment; filename="map.png"'


@pytest.mark.django_db
def test_download_by_another_organisations_member_404(client, media, draft):
    a = attach(draft)
    client.force_login(proponent())
    assert client.get(url(a)).status_code == 404


@pytest.mark.django_db
def test_download_anonymous_404(client, media, draft):
    a = attach(draft)
    assert client.get(url(a)).status_code == 404


@pytest.mark.django_db
def test_download_anonymous_404_even_on_a_public_proposal(client, media):
    proposal = paths.bring_to(State.PROMOTION_ZONE)
    a = attach(proposal)
    assert client.get(url(a)).status_code == 404


@pytest.mark.django_db
def test_download_by_staff_200(client, media, draft):
    a = attach(draft)
    client.force_login(StaffFactory())
    assert client.get(url(a)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.EVALUATOR, Role.MEMBER])
def test_download_by_assigned_evaluator_or_agenda_member_200(client, media, role):
    proposal = paths.bring_to(State.REVISION_REQUESTED)
    a = attach(proposal)
    client.force_login(paths.actor(role, proposal))
    assert client.get(url(a)).status_code == 200


@pytest.mark.django_db
def test_download_with_another_proposals_pk_404(client, media, draft):
    a = attach(draft)
    other = paths.bring_to(State.DRAFT)
    client.force_login(StaffFactory())  # may see both proposals: the pairing is still wrong
    assert client.get(url(a, pk=other.pk)).status_code == 404
    assert client.get(reverse("annex-download", args=[draft.pk, a.pk + 1000])).status_code == 404
