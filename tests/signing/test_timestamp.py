"""PAdES B-T: with SIGNING_TSA_URL set, each signature carries an RFC 3161 time stamp from a real
time-stamping authority (certomancer's, on the loopback, port 8112), checked by pyHanko."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pyhanko.keys.pemder import load_certs_from_pemder_data
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from reviews.documents import signing
from reviews.models import IssuedDocument

from .conftest import dev_cert_pem, tamper
from .tsa import TimeStampingAuthority

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def tsa(tmp_path_factory):
    with TimeStampingAuthority(tmp_path_factory.mktemp("tsa")) as authority:
        yield authority


@pytest.fixture
def timestamped(settings, tsa):
    settings.SIGNING_TSA_URL = tsa.url
    settings.SIGNING_TSA_ROOTS = tsa.root_pem
    return tsa


def test_with_a_tsa_the_signature_is_time_stamped_and_validates(client, city, timestamped):
    before = timezone.now()
    content = client.get(reverse("certificate-pdf", kwargs={"pk": city.pk})).content

    assert IssuedDocument.objects.get(proposal=city).timestamped is True
    signature = PdfFileReader(io.BytesIO(content)).embedded_signatures[-1]
    status = validate_pdf_signature(
        signature, ValidationContext(trust_roots=list(load_certs_from_pemder_data(dev_cert_pem().encode()))),
        ts_validation_context=ValidationContext(trust_roots=list(load_certs_from_pemder_data(timestamped.root_pem.encode()))),
    )
    assert status.bottom_line is True
    ts = status.timestamp_validity
    assert (ts.intact, ts.valid, ts.trusted) == (True, True, True)
    assert before - datetime.timedelta(seconds=5) <= ts.timestamp <= timezone.now() + datetime.timedelta(seconds=5)

    check = signing.verify(content, [dev_cert_pem()])
    assert (check.outcome, check.timestamp_trusted) == (signing.VALID, True)
    assert signing.verify(tamper(content), [dev_cert_pem()]).outcome == signing.ALTERED


def test_the_verify_page_shows_the_time_stamp(client, city, timestamped):
    content = client.get(reverse("certificate-pdf", kwargs={"pk": city.pk})).content
    url = reverse("verify-certificate", kwargs={"number": city.certificate_number})
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(url, {"document": SimpleUploadedFile("c.pdf", content, "application/pdf")})
    text = response.content.decode()
    assert response.context["answer"].code == "genuine"
    assert "ประทับรับรองเวลาเมื่อ" in text and "ระบบนี้ไม่รู้จักผู้ให้บริการ" not in text


def test_an_unreachable_tsa_issues_nothing(client, city, settings):
    settings.SIGNING_TSA_URL = "http://127.0.0.1:9/tsa"  # the discard port: nothing answers
    settings.SIGNING_TSA_TIMEOUT = 2
    response = client.get(reverse("certificate-pdf", kwargs={"pk": city.pk}))
    assert response.status_code == 503
    assert not IssuedDocument.objects.exists()
