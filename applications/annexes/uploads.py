"""What an uploaded annex really is: decided from its bytes, never from its name.

Two guards live here:

* :class:`SizeLimitUploadHandler` stops reading a file part as soon as it
  passes ``settings.UPLOAD_MAX_MB``, while the request body is still being
  parsed, so an oversize file is never held in memory or on disk in full.
* :func:`inspect` reads the first bytes (the ``filetype`` magic numbers) and,
  for a PDF, also the ``%PDF-`` header and the ``%%EOF`` trailer, and says
  which of the types allowed for the annex's kind the file is. A PDF is then
  rewritten without its active content (:mod:`.pdfsafe`): the copy is what is
  stored and served, never the upload.
"""

import hashlib
import os
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils.translation import gettext as _

from applications.enums import AttachmentKind

from .pdfsafe import pdf_rewrite

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"

# Every kind of annex is a PDF; only the map may also be an image.
ALLOWED_TYPES = {AttachmentKind.MAP: (PDF, PNG, JPEG)}
DEFAULT_TYPES = (PDF,)
# The endings a name may have for each detected type (the first one is added
# to a name that has none).
EXTENSIONS = {PDF: (".pdf",), PNG: (".png",), JPEG: (".jpg", ".jpeg", ".jpe", ".jfif")}
LABELS = {PDF: "PDF", PNG: "PNG", JPEG: "JPEG"}

HEAD_BYTES = 8192  # filetype needs at most this much
# Adobe's reading of the PDF specification: %%EOF must be in the last 1024 bytes.
PDF_TAIL_BYTES = 1024


def allowed_types(kind) -> tuple:
    return ALLOWED_TYPES.get(kind, DEFAULT_TYPES)


def accept_attribute() -> str:
    """The file input's ``accept``: a hint to the browser's file picker, never trusted."""
    types = sorted({t for kind in AttachmentKind for t in allowed_types(kind)})
    return ",".join([*types, *sorted({e for t in types for e in EXTENSIONS[t][:2]})])


def limit_bytes() -> int:
    return settings.UPLOAD_MAX_MB * 1024 * 1024


def too_big_message(name) -> str:
    return _("The file ‘%(name)s’ is larger than %(limit)s MB, the most one annex may be.") % {
        "name": name, "limit": settings.UPLOAD_MAX_MB,
    }


class SizeLimitUploadHandler(FileUploadHandler):
    """Refuse a file part as soon as it grows past the limit.

    Put first in ``request.upload_handlers`` (before Django's memory and
    temporary-file handlers), it counts each chunk before the next handlers
    store it, so at most the limit is ever kept. Past the limit it raises
    ``StopUpload``: Django closes (and so deletes) the partial file and drops
    the part from ``request.FILES``; ``too_big`` names the file so the page
    can say why. ``connection_reset=False`` lets Django read the rest of the
    body in chunks and throw it away (nothing is buffered), so the browser
    gets the page with the message instead of a reset connection; the
    reverse proxy's body limit bounds how much is read that way.

    We do not trust the part's own Content-Length or the browser's size:
    only the bytes counted here.
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.limit = limit_bytes()
        self.too_big = None
        self._name = None

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self._name = file_name

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.too_big = self._name
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler builds the file


@dataclass(frozen=True)
class Inspected:
    """What to store: ``content`` (the rewritten copy of a PDF, the upload itself for an image),
    with its ``size`` and ``sha256``; ``removed`` names the active content taken out of a PDF."""

    name: str
    content_type: str
    size: int
    sha256: str
    content: object
    removed: frozenset = frozenset()


def _read_head_and_tail(upload, size):
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(max(0, size - PDF_TAIL_BYTES))
    tail = upload.read(PDF_TAIL_BYTES)
    upload.seek(0)
    return head, tail


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def detect(head: bytes, tail: bytes):
    """The content type the bytes prove, or None; a PDF must also be complete.

    Returns ``(content_type, complete)``: ``complete`` is False for a file
    that starts as a PDF but has no ``%%EOF`` near its end (cut short).
    """
    guess = filetype.guess(head)
    mime = guess.mime if guess else None
    if mime == PDF:
        # filetype accepts "%PDF" after a byte-order mark; we want the real header.
        if not head.startswith(b"%PDF-"):
            return None, False
        return PDF, b"%%EOF" in tail
    if mime in (PNG, JPEG):
        return mime, True
    return None, False


def _checked_name(name, content_type):
    """The name to keep: it must not contradict the content.

    The content decides the type. The name only has to agree with it: a PDF
    kept as ``plan.png`` would, once downloaded, open in the wrong program
    (or not at all). A name without an ending gets the right one.
    """
    ext = os.path.splitext(name)[1]
    expected = EXTENSIONS[content_type]
    if not ext:
        name = name + expected[0]
    elif ext.lower() not in expected:
        raise ValidationError(
            _("The file ‘%(name)s’ is a %(found)s file, but its name ends in “%(ext)s”: rename it to end "
              "in %(expected)s and upload it again.")
            % {"name": name, "found": LABELS[content_type], "ext": ext, "expected": expected[0]},
            code="name_mismatch",
        )
    if len(name) > 255:  # the column's width; keep the ending
        stem, ext = os.path.splitext(name)
        name = stem[: 255 - len(ext)] + ext
    return name


def inspect(upload, *, kind) -> Inspected:
    """Check ``upload`` for an annex of ``kind``; raise ValidationError if refused."""
    name = os.path.basename(upload.name or "").strip() or "annex"
    size = upload.size
    if size is None or size > limit_bytes():
        raise ValidationError(too_big_message(name), code="too_big")
    if size == 0:
        raise ValidationError(_("The file ‘%(name)s’ is empty.") % {"name": name}, code="empty")
    head, tail = _read_head_and_tail(upload, size)
    content_type, complete = detect(head, tail)
    allowed = allowed_types(kind)
    if content_type not in allowed:
        if allowed == DEFAULT_TYPES:
            message = _("The file ‘%(name)s’ is not a PDF: checked from the file’s content.")
            if content_type in (PNG, JPEG):
                message += " " + _("Only the map of the target area may be a PNG or JPEG image.")
        else:
            message = _("The file ‘%(name)s’ is not a PDF, PNG or JPEG file: checked from the file’s content.")
        raise ValidationError(message % {"name": name}, code="wrong_type")
    if not complete:
        raise ValidationError(
            _("The file ‘%(name)s’ starts as a PDF but has no end-of-file marker: it may be damaged or cut "
              "short. Save or export it again and upload it once more.") % {"name": name},
            code="incomplete",
        )
    name = _checked_name(name, content_type)
    if content_type != PDF:
        return Inspected(name=name, content_type=content_type, size=size, sha256=_sha256(upload), content=upload)
    upload.seek(0)
    data = b"".join(upload.chunks())  # at most the size limit, checked above
    upload.seek(0)
    safe, removed = pdf_rewrite(data=data, name=name)
    return Inspected(name=name, content_type=PDF, size=len(safe), sha256=hashlib.sha256(safe).hexdigest(),
                     content=ContentFile(safe, name=name), removed=frozenset(removed))
