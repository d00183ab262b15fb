import io

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from applications.enums import State
from tests.paths import bring_to


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def dev_cert_pem() -> str:
    return (settings.SIGNING_DEV_DIR / "signing-cert.pem").read_text()


def tamper(content: bytes) -> bytes:
    """One byte changed inside the signed revision: in the embedded font's data (the file still opens)."""
    data = bytearray(content)
    at = data.index(b"stream", data.index(b"/Length1")) + 200
    data[at] ^= 0x01
    return bytes(data)


@pytest.fixture
def city(db):
    return bring_to(State.CERTIFIED)


@pytest.fixture
def certificate_pdf(client, city):
    response = client.get(reverse("certificate-pdf", kwargs={"pk": city.pk}))
    assert response.status_code == 200
    return response.content
