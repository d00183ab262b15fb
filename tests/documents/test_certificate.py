import pytest
from django.urls import reverse

from applications.enums import State
from tests.factories import StaffFactory
from tests.paths import bring_to

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


def certificate_url(proposal):
    return reverse("certificate-pdf", kwargs={"pk": proposal.pk})


def test_anyone_downloads_a_certified_citys_certificate(client, tmp_path):
    city = bring_to(State.CERTIFIED)

    response = client.get(certificate_url(city))

    assert response.status_code == 200
    (tmp_path / "certificate.pdf").write_bytes(response.content)
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert city.certificate_number.startswith("SCT-25")
    assert city.certificate_number in text
    assert "ใบรับรองเมืองอัจฉริยะ" in text
    assert "Smart city certificate" in text
    assert city.name_th in text
    assert city.name_en in text
    assert city.organisation.name_th in text
    assert "เชียงใหม่" in text
    assert "สิ่งแวดล้อมอัจฉริยะ" in text and "การเดินทางและขนส่งอัจฉริยะ" in text
    from core.thai import thai_date

    assert thai_date(city.certified_on) in text
    assert thai_date(city.valid_until) in text
    assert "สถานะของใบรับรองนี้" not in text


def test_a_revoked_certificate_shows_its_state(client):
    city = bring_to(State.REVOKED)
    text = pdf_text(client.get(certificate_url(city)).content)
    assert city.certificate_number in text
    assert "สถานะของใบรับรองนี้: เพิกถอน" in text


@pytest.mark.parametrize("state", [State.APPROVED, State.ACKNOWLEDGED, State.ON_AGENDA])
def test_not_certified_is_404_even_for_staff(client, state):
    proposal = bring_to(state)
    client.force_login(StaffFactory())
    assert client.get(certificate_url(proposal)).status_code == 404
