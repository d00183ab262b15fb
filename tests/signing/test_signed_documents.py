"""The certificate and the minutes as issued: PDF/A-3, signed (PAdES) with the Office's key, the
Thai intact, a QR code to the verification page; editions never rewritten (issue 19)."""

import hashlib
import io

import pytest
import zxingcpp
from django.core.checks import run_checks
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from pyhanko.keys.pemder import load_certs_from_pemder_data
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from applications.enums import State
from applications.workflow import transition
from reviews.documents import issue, signing
from reviews.enums import IssueReason
from reviews.models import IssuedDocument
from reviews.records import RecordError
from tests.factories import StaffFactory
from tests.paths import prepare

from .conftest import dev_cert_pem, pdf_text, tamper

pytestmark = pytest.mark.django_db


def pyhanko_status(content, trusted_pem):
    signature = PdfFileReader(io.BytesIO(content)).embedded_signatures[-1]
    roots = list(load_certs_from_pemder_data(trusted_pem.encode()))
    return validate_pdf_signature(signature, ValidationContext(trust_roots=roots))


def qr_payload(content) -> str:
    images = PdfReader(io.BytesIO(content)).pages[-1].images
    assert len(images) == 1
    found = zxingcpp.read_barcodes(images[0].image.convert("L"))
    assert [f.format for f in found] == [zxingcpp.BarcodeFormat.QRCode]
    return found[0].text


def test_the_certificate_is_signed_and_validates_with_pyhankos_validator(certificate_pdf, city):
    status = pyhanko_status(certificate_pdf, dev_cert_pem())
    assert (status.intact, status.valid, status.trusted) == (True, True, True)
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.bottom_line is True
    assert signing.DEVELOPMENT_MARK in status.signing_cert.subject.human_friendly
    document = IssuedDocument.objects.get(proposal=city)
    assert (document.edition, document.reason, document.development_key) == (1, IssueReason.ISSUED, True)
    assert bytes(document.content) == certificate_pdf


def test_the_certificate_is_pdfa3_and_its_thai_survives_the_signature(certificate_pdf, city):
    reader = PdfReader(io.BytesIO(certificate_pdf))
    xmp = reader.xmp_metadata
    assert xmp.pdfaid_part == "3" and xmp.pdfaid_conformance == "U"
    assert "/OutputIntents" in reader.trailer["/Root"]
    text = pdf_text(certificate_pdf)
    for thai in ("ใบรับรองเมืองอัจฉริยะ", city.name_th, "สิ่งแวดล้อมอัจฉริยะ", "การเดินทางและขนส่งอัจฉริยะ",
                 "ตรวจสอบใบรับรองนี้"):
        assert thai in text
    # The fonts are the document's own, embedded (PDF/A), and the signature added none.
    fonts = {str(f["/BaseFont"]).split("+")[-1] for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert fonts == {"Sarabun", "SarabunBold"}


def test_one_byte_changed_fails_the_signature(certificate_pdf):
    changed = tamper(certificate_pdf)
    assert len(changed) == len(certificate_pdf) and changed != certificate_pdf
    status = pyhanko_status(changed, dev_cert_pem())
    assert status.intact is False and status.bottom_line is False
    assert signing.verify(changed, [dev_cert_pem()]).outcome == signing.ALTERED
    assert signing.verify(certificate_pdf, [dev_cert_pem()]).outcome == signing.VALID


def test_the_qr_code_decodes_to_the_verification_url(certificate_pdf, city, settings):
    assert qr_payload(certificate_pdf) == f"{settings.PORTAL_URL}/verify/{city.certificate_number}"
    assert f"/verify/{city.certificate_number}" in pdf_text(certificate_pdf)


def test_the_same_record_gives_the_same_edition(client, city, certificate_pdf):
    again = client.get(reverse("certificate-pdf", kwargs={"pk": city.pk})).content
    assert again == certificate_pdf
    assert IssuedDocument.objects.filter(proposal=city).count() == 1


def test_renewal_and_revocation_issue_new_editions_and_keep_the_old(client, city, certificate_pdf):
    staff = StaffFactory()
    transition(city, "renewal_due", by=staff)
    transition(city, "renew", by=staff, **prepare(city, "renew", timezone.now(), staff))
    renewed = client.get(reverse("certificate-pdf", kwargs={"pk": city.pk})).content
    transition(city, "revoke", by=staff, note="ไม่ดำเนินการตามแผน")
    revoked = client.get(reverse("certificate-pdf", kwargs={"pk": city.pk})).content

    editions = list(IssuedDocument.objects.filter(proposal=city).order_by("edition"))
    assert [(d.edition, d.reason) for d in editions] == [
        (1, IssueReason.ISSUED), (2, IssueReason.RENEWED), (3, IssueReason.STATUS)]
    assert [bytes(d.content) for d in editions] == [certificate_pdf, renewed, revoked]
    assert editions[1].supersedes == editions[0] and editions[2].supersedes == editions[1]
    assert "สถานะของใบรับรองนี้: เพิกถอน" in pdf_text(revoked)
    for document in editions:  # each still validates
        assert pyhanko_status(bytes(document.content), dev_cert_pem()).bottom_line is True


def test_an_issued_document_is_never_rewritten_or_deleted(certificate_pdf, city):
    document = IssuedDocument.objects.get(proposal=city)
    document.reason = IssueReason.CORRECTED
    with pytest.raises(RecordError):
        document.save()
    with pytest.raises(RecordError):
        document.delete()
    with pytest.raises(RecordError):
        IssuedDocument.objects.filter(pk=document.pk).update(sha256="0" * 64)


@override_settings(DEBUG=False, TESTING=False)
def test_production_refuses_the_development_key(city):
    with pytest.raises(signing.SigningError, match="development signing key is refused"):
        issue.certificate_current(city)
    assert "reviews.E903" in [m.id for m in run_checks(tags=["signing"])]
    assert not IssuedDocument.objects.exists()


def test_a_deployments_own_key_from_files_signs_and_is_not_development(tmp_path, city, settings):
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    signing.devkey_generate(tmp_path / "k")
    cert = x509.load_pem_x509_certificate((tmp_path / "k" / "signing-cert.pem").read_bytes())
    # A certificate without the development mark: the same key, re-issued as the Office's own.
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import NameOID

    key = serialization.load_pem_private_key((tmp_path / "k" / "signing-key.pem").read_bytes(), None)
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Smart City Thailand Office")])
    builder = x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
    builder = builder.serial_number(1).not_valid_before(cert.not_valid_before_utc)
    builder = builder.not_valid_after(cert.not_valid_after_utc)
    for extension in cert.extensions:
        builder = builder.add_extension(extension.value, extension.critical)
    own = builder.sign(key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM).decode()
    settings.SIGNING_KEY = (tmp_path / "k" / "signing-key.pem").read_text()
    settings.SIGNING_CERT = own
    settings.DEBUG, settings.TESTING = False, False
    assert run_checks(tags=["signing"]) == []
    document = issue.certificate_current(city)
    assert document.development_key is False
    assert pyhanko_status(bytes(document.content), own).bottom_line is True


def test_final_minutes_are_issued_signed_with_a_qr_code(client, settings, final_meeting):
    meeting, staff = final_meeting
    client.force_login(staff)
    content = client.get(reverse("meeting-minutes", kwargs={"pk": meeting.pk})).content
    assert pyhanko_status(content, dev_cert_pem()).bottom_line is True
    assert qr_payload(content) == f"{settings.PORTAL_URL}/verify/minutes/{meeting.pk}"
    assert "รายงานการประชุม" in pdf_text(content)
    assert IssuedDocument.objects.get(meeting=meeting).sha256 == hashlib.sha256(content).hexdigest()


def test_draft_minutes_are_not_issued(client, staff_and_draft_meeting):
    meeting, staff = staff_and_draft_meeting
    client.force_login(staff)
    content = client.get(reverse("meeting-minutes", kwargs={"pk": meeting.pk})).content
    assert PdfFileReader(io.BytesIO(content)).embedded_signatures == []
    assert not IssuedDocument.objects.filter(meeting=meeting).exists()


@pytest.fixture
def final_meeting(db):
    return _meeting(close=True)


@pytest.fixture
def staff_and_draft_meeting(db):
    return _meeting(close=False)


def _meeting(*, close):
    import datetime

    from django.utils import timezone

    from core.thai import be_year
    from reviews.models import AgendaItem, Body, Meeting, Resolution
    from tests.paths import bring_to

    staff = StaffFactory()
    body = Body.objects.get(kind="subcommittee")
    when = timezone.now() - datetime.timedelta(hours=3)
    meeting = Meeting.objects.create(body=body, year_be=be_year(when.year), number=7, held_at=when, created_by=staff)
    proposal = bring_to(State.ON_AGENDA)
    item = AgendaItem.objects.create(meeting=meeting, proposal=proposal, order=1)
    if close:
        resolution = Resolution.objects.create(meeting=meeting, proposal=proposal, kind="approve",
                                               text="อนุมัติ", recorded_by=staff)
        item.resolution, item.closed_at, item.closed_by = resolution, timezone.now(), staff
        item.save()
    return meeting, staff
