"""The annexes panel of the proposal page: who sees it, what it lists, and its cost."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.enums import State
from tests import paths
from tests.factories import StaffFactory, proponent

from .conftest import attach, member_of, pdf_bytes, png_bytes


def page(client, proposal):
    return client.get(reverse("proposal-detail", args=[proposal.pk]))


@pytest.mark.django_db
def test_panel_lists_kind_name_size_uploader_and_thai_date(client, media, draft):
    a = attach(draft, name="แผนที่เขต.png", content=png_bytes(), kind="map")
    client.force_login(member_of(draft))
    text = page(client, draft).content.decode()  # Thai by default
    row = text[text.index('<table class="table annex-table">'):text.index("</table>", text.index("annex-table"))]
    assert "<td>แผนที่พื้นที่เป้าหมาย</td>" in row  # the kind, in Thai
    assert f'<a href="/proposals/{draft.pk}/annexes/{a.pk}/">แผนที่เขต.png</a>' in row
    assert f"<td>{a.uploaded_by}</td>" in row
    from core.thai import thai_date

    assert thai_date(a.uploaded_at) in row
    assert f'href="/proposals/{draft.pk}/annexes/{a.pk}/delete/"' in row
    assert 'enctype="multipart/form-data"' in text
    assert '<label for="annex_file">' in text and '<label for="annex_kind">' in text
    client.cookies["django_language"] = "en"
    assert f'<td class="nowrap">{a.size}\xa0bytes</td>' in page(client, draft).content.decode()


@pytest.mark.django_db
def test_panel_for_staff_lists_but_offers_no_upload(client, media, draft):
    attach(draft, name="plan.pdf")
    client.force_login(StaffFactory())
    text = page(client, draft).content.decode()
    assert "plan.pdf" in text
    assert 'enctype="multipart/form-data"' not in text
    assert "/delete/" not in text


@pytest.mark.django_db
def test_panel_hidden_from_the_public_on_a_public_proposal(client, media):
    proposal = paths.bring_to(State.PROMOTION_ZONE)
    attach(proposal, name="secret-plan.pdf")
    for who in (None, proponent()):
        client.logout()
        if who:
            client.force_login(who)
        response = page(client, proposal)
        assert response.status_code == 200
        assert "secret-plan.pdf" not in response.content.decode()
        assert 'id="annexes"' not in response.content.decode()


@pytest.mark.django_db
def test_panel_marks_frozen_annexes_instead_of_offering_removal(client, media):
    from .test_delete import frozen_then_returned

    proposal, a = frozen_then_returned()
    b = attach(proposal, name="ใหม่.pdf", content=pdf_bytes(b"% new\n"))
    client.cookies["django_language"] = "en"
    client.force_login(member_of(proposal))
    text = page(client, proposal).content.decode()
    assert "Handed in with version 2" in text
    assert reverse("annex-delete", args=[proposal.pk, a.pk]) not in text
    assert reverse("annex-delete", args=[proposal.pk, b.pk]) in text


@pytest.mark.django_db
def test_panel_queries_do_not_grow_with_rows(client, media, draft):
    """1 and 3 annexes (from different uploaders) cost the same number of queries."""
    client.force_login(member_of(draft))
    attach(draft, name="a.pdf", content=pdf_bytes(b"% a\n"))
    with CaptureQueriesContext(connection) as one:
        assert page(client, draft).status_code == 200
    colleague = proponent(organisation=draft.organisation)
    attach(draft, name="b.pdf", content=pdf_bytes(b"% b\n"), by=colleague)
    attach(draft, name="c.png", content=png_bytes(), kind="map", by=colleague)
    with CaptureQueriesContext(connection) as three:
        response = page(client, draft)
    assert response.content.decode().count("/delete/") == 3
    assert len(three) == len(one)


@pytest.mark.django_db
def test_upload_page_get_shows_the_form(client, media, draft):
    client.force_login(member_of(draft))
    response = client.get(reverse("annex-upload", args=[draft.pk]))
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.content.decode()
