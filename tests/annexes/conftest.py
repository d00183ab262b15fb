"""Real files for the annex tests: a small PDF, PNG and JPEG built from bytes."""

import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from applications.annexes.services import attachment_add
from applications.enums import State
from tests import paths


def pdf_bytes(body=b"") -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + body
        + b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


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
