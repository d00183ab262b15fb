"""The public verification pages: live status, the editions' SHA-256, and the upload check with
every bad input answered plainly in the reader's language, nothing stored (issue 19)."""

import hashlib
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.enums import State
from applications.workflow import transition
from reviews.models import IssuedDocument
from tests.factories import StaffFactory
from tests.paths import bring_to

from .conftest import tamper

pytestmark = pytest.mark.django_db


def page(city):
    return reverse("verify-certificate", kwargs={"number": city.certificate_number})


def upload(client, url, content, name="certificate.pdf", english=False):
    if english:
        client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(url, {"document": SimpleUploadedFile(name, content, "application/pdf")})
    assert response.status_code == 200
    return response


def answer(response):
    return response.context["answer"]


def test_the_page_shows_the_live_status_and_each_editions_sha256(client, city, certificate_pdf):
    response = client.get(page(city))
    text = response.content.decode()
    assert response.status_code == 200
    assert "ตรวจสอบใบรับรองเมืองอัจฉริยะ" in text and city.name_th in text
    assert "สถานะปัจจุบัน: ใช้ได้" in text
    assert hashlib.sha256(certificate_pdf).hexdigest() in text
    assert "ลงลายมือชื่อด้วยกุญแจสำหรับการพัฒนา" in text


def test_a_genuine_certificate_verifies(client, city, certificate_pdf):
    response = upload(client, page(city), certificate_pdf)
    assert (answer(response).code, answer(response).ok) == ("genuine", True)
    assert "ถูกต้อง: PDF นี้ออกโดยระบบนี้ ไม่ถูกแก้ไข" in response.content.decode()
    assert "นี่คือฉบับปัจจุบัน" in response.content.decode()


def test_a_revoked_citys_certificate_verifies_as_revoked_and_superseded(client, city, certificate_pdf):
    transition(city, "revoke", by=StaffFactory(), note="ไม่ดำเนินการตามแผนที่เสนอ")
    response = upload(client, page(city), certificate_pdf)
    text = response.content.decode()
    assert answer(response).code == "genuine"
    assert "สถานะปัจจุบัน: เพิกถอน" in text and "ไม่ดำเนินการตามแผนที่เสนอ" in text
    assert "ถูกแทนที่แล้ว: มีฉบับที่ออกภายหลังแทนฉบับนี้" in text
    assert IssuedDocument.objects.filter(proposal=city).count() == 2


def test_a_tampered_pdf_is_altered_after_signing(client, city, certificate_pdf):
    response = upload(client, page(city), tamper(certificate_pdf))
    assert answer(response).code == "altered"
    assert "ถูกแก้ไขหลังลงลายมือชื่อ" in response.content.decode()
    english = upload(client, page(city), tamper(certificate_pdf), english=True)
    assert "Altered after signing: this PDF was changed after the Office signed it." in english.content.decode()


def test_another_citys_certificate_is_named(client, city, certificate_pdf):
    other = bring_to(State.CERTIFIED)
    client.get(reverse("certificate-pdf", kwargs={"pk": other.pk}))
    response = upload(client, page(other), certificate_pdf)
    assert answer(response).code == "other_subject"
    assert f"ไม่ใช่เอกสารนี้: เป็น ใบรับรอง {city.certificate_number}" in response.content.decode()


def test_a_truncated_pdf_is_damaged(client, city, certificate_pdf):
    response = upload(client, page(city), certificate_pdf[: len(certificate_pdf) // 2])
    assert answer(response).code == "damaged"
    assert "PDF นี้เสียหายหรือไม่ครบ" in response.content.decode()


def test_a_file_that_is_not_a_pdf(client, city):
    response = upload(client, page(city), b"\x89PNG\r\n\x1a\n not a pdf", name="photo.pdf")
    assert answer(response).code == "not_pdf"
    assert "ไฟล์นี้ไม่ใช่ PDF" in response.content.decode()


def test_an_unsigned_pdf_is_not_the_portals(client, city):
    from reviews.documents.certificate import certificate_pdf as unsigned

    response = upload(client, page(city), unsigned(city))
    assert answer(response).code == "unsigned"
    assert "ไม่ได้ออกโดยระบบนี้: PDF นี้ไม่มีลายมือชื่ออิเล็กทรอนิกส์" in response.content.decode()


def test_an_oversized_upload_is_refused(client, city, settings):
    settings.VERIFY_UPLOAD_MAX_BYTES = 2048
    response = upload(client, page(city), b"%PDF-1.7\n" + b"0" * 4096)
    assert answer(response).code == "too_large"
    assert "ไฟล์ใหญ่เกินกว่าจะเป็นเอกสารของระบบนี้" in response.content.decode()


def test_nothing_uploaded_is_stored(client, city, certificate_pdf, settings):
    before = list(IssuedDocument.objects.values_list("sha256", flat=True))
    media = sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*"))
    for content in (certificate_pdf, tamper(certificate_pdf), b"nothing", certificate_pdf[:100]):
        upload(client, page(city), content)
    assert list(IssuedDocument.objects.values_list("sha256", flat=True)) == before
    assert sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*")) == media


def test_uploads_are_throttled_per_address(client, city, settings):
    settings.RATELIMIT_VERIFY_UPLOAD = "2/m"
    url = page(city)
    for _ in range(2):
        upload(client, url, b"not a pdf")
    response = client.post(url, {"document": SimpleUploadedFile("x.pdf", b"x")})
    assert response.status_code == 429
    assert "มีการตรวจสอบไฟล์จากที่อยู่ของคุณมากเกินไป" in response.content.decode()


def test_an_unknown_number_is_404(client, db):
    assert client.get(reverse("verify-certificate", kwargs={"number": "SCT-2569-99999"})).status_code == 404
    proposal = bring_to(State.APPROVED)
    assert client.get(reverse("verify-minutes", kwargs={"pk": 999999})).status_code == 404
    assert proposal.certificate_number is None


def test_the_minutes_page_checks_the_minutes(client, settings):
    from .test_signed_documents import _meeting

    meeting, staff = _meeting(close=True)
    client.force_login(staff)
    content = client.get(reverse("meeting-minutes", kwargs={"pk": meeting.pk})).content
    client.logout()
    url = reverse("verify-minutes", kwargs={"pk": meeting.pk})
    text = client.get(url).content.decode()
    assert "ตรวจสอบรายงานการประชุม" in text and hashlib.sha256(content).hexdigest() in text
    assert answer(upload(client, url, content)).code == "genuine"
