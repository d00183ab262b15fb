"""Hostile annexes: each refused (or its name neutralised) with a clear Thai message, nothing stored.

PDFs with active content are not refused but rewritten without it: test_pdf_rewrite.py.
"""

import zlib

import pytest
from django.urls import reverse

from applications.models import Attachment
from tests.annexes.conftest import member_of, pdf_bytes, stored_files, upload

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200
WINDOWS_EXE = (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
               + b"PE\x00\x00" + b"\x00" * 200)
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"

def object_stream(body: bytes) -> bytes:
    """Active content hidden in a compressed object stream (PDF 1.5)."""
    data = zlib.compress(body)
    return b"5 0 obj\n<< /Type /ObjStm /Filter /FlateDecode /Length %d >>\nstream\n" % len(data) + data + \
        b"\nendstream\nendobj\n"


def post(client, proposal, name, content):
    return client.post(reverse("annex-upload", args=[proposal.pk]),
                       {"kind": "full_plan", "file": upload(name, content, "application/pdf")})


@pytest.fixture
def signed_in(client, media, draft):
    client.force_login(member_of(draft))
    return client


def refused(response, media, *phrases):
    assert response.status_code == 400
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1
    for phrase in phrases:
        assert phrase in errors[0], errors[0]
    assert Attachment.objects.count() == 0
    assert stored_files(media) == []
    return errors[0]


@pytest.mark.django_db
@pytest.mark.parametrize("content", [ELF, WINDOWS_EXE, HTML], ids=["elf", "exe", "html"])
def test_renamed_executable_or_html_refused(signed_in, media, draft, content):
    response = post(signed_in, draft, "แผนแม่บท.pdf", content)
    refused(response, media, "ไม่ใช่ PDF", "ตรวจจากเนื้อหาของแฟ้ม")


@pytest.mark.django_db
def test_oversized_file_refused(signed_in, media, draft, settings):
    settings.UPLOAD_MAX_MB = 1
    response = post(signed_in, draft, "ใหญ่.pdf", pdf_bytes(b"%" + b"x" * (1024 * 1024 + 10) + b"\n"))
    assert response.status_code == 400
    assert Attachment.objects.count() == 0 and stored_files(media) == []
    assert "1 MB" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["../../../etc/cron.d/plan.pdf", "..\\..\\windows\\plan.pdf", "/tmp/plan.pdf"])
def test_path_in_file_name_is_dropped(signed_in, media, draft, name):
    response = post(signed_in, draft, name, pdf_bytes(b"% plan\n"))
    assert response.status_code == 302
    a = Attachment.objects.get()
    assert a.original_name == "plan.pdf"
    assert a.file.name.startswith(f"proposals/{draft.pk}/") and ".." not in a.file.name
    assert stored_files(media) == [a.file.name]


@pytest.mark.django_db
def test_harmless_open_action_and_words_accepted(signed_in, media, draft):
    body = (b"4 0 obj\n<< /OpenAction [1 0 R /FitH null] /JSON (not a name) >>\nendobj\n"
            + object_stream(b"BT (JS) Tj ET"))
    assert post(signed_in, draft, "แผน.pdf", pdf_bytes(body)).status_code == 302
    assert Attachment.objects.count() == 1
