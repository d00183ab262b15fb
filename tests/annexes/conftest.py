"""Real files for the annex tests: a small PDF, PNG and JPEG built from bytes."""

import hashlib
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from applications.annexes.pdfsafe import pdf_rewrite
from applications.annexes.services import attachment_add
from applications.enums import State
from tests import paths


def pdf_bytes(body=b"", page=None) -> bytes:
    """A valid one-page PDF; ``body`` is written between its objects (the xref does not list it).

    The PDF is rewritten on upload, which drops what no object holds: the hash of
    ``body`` in the document's /Subject keeps files with different bodies different.
    ``page``, if given, is the page's content stream (kept by the rewrite).
    """
    out, offsets = bytearray(b"%PDF-1.4\n"), {}

    def put(number, dictionary):
        offsets[number] = len(out)
        out.extend(b"%d 0 obj\n%s\nendobj\n" % (number, dictionary))

    put(1, b"<< /Type /Catalog /Pages 2 0 R >>")
    out.extend(body)
    put(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    contents = b" /Contents 4 0 R" if page is not None else b""
    put(3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >>%s >>" % contents)
    numbers = (1, 2, 3)
    if page is not None:
        put(4, b"<< /Length %d >>\nstream\n%s\nendstream" % (len(page), page))
        numbers = (1, 2, 3, 4)
    start = len(out)
    out.extend(b"xref\n0 %d\n0000000000 65535 f \n" % (len(numbers) + 1)
               + b"".join(b"%010d 00000 n \n" % offsets[n] for n in numbers))
    subject = hashlib.sha256(body).hexdigest()[:16].encode()
    out.extend(b"trailer\n<< /Size %d /Root 1 0 R /Info << /Subject (%s) >> >>\nstartxref\n%d\n%%%%EOF\n"
               % (len(numbers) + 1, subject, start))
    return bytes(out)


def rewritten(content) -> bytes:
    """What the portal keeps of the PDF ``content``: its rewritten copy (the same bytes every time)."""
    return pdf_rewrite(data=content, name="annex.pdf")[0]


def png_bytes() -> bytes:
    """A real 1×1 white PNG."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
            + chunk(b"IEND", b""))


def jpeg_bytes() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 32 + b"\xff\xd9"


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def draft():
    return paths.bring_to(State.DRAFT)


def member_of(proposal):
    return proposal.organisation.memberships.select_related("user").first().user


def attach(proposal, name="แผนแม่บทเมืองอัจฉริยะ.pdf", content=None, kind="full_plan", by=None):
    return attachment_add(
        proposal=proposal, by=by or member_of(proposal), kind=kind,
        upload=upload(name, content if content is not None else pdf_bytes(name.encode())),
    )
