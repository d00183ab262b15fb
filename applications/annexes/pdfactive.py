"""Does a PDF carry active content (JavaScript, launch or submit actions)?

An annex is read by officials on their own computers; a PDF that runs script
or launches a program when opened has no business in a dossier. We look for
the PDF *names* that start such actions, in the file as written and inside
every Flate-compressed stream (PDF 1.5 object streams hide dictionaries
there), after undoing the ``#xx`` escapes a name may use to disguise itself
(``/J#61vaScript`` is ``/JavaScript``). A harmless ``/OpenAction`` (open at
page 1, fit width) is allowed; one that runs script names ``/JavaScript`` and
is caught by that.
"""

import re
import zlib

ACTIVE_NAMES = (b"JavaScript", b"JS", b"Launch", b"SubmitForm", b"ImportData", b"RichMedia", b"EmbeddedFile")
_NAME = re.compile(rb"/(" + b"|".join(ACTIVE_NAMES) + rb")(?![A-Za-z0-9_.\-])")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\n?endstream", re.S)
# A compressed stream may not inflate to more than this (a "zip bomb" stays small in memory).
MAX_INFLATED = 64 * 1024 * 1024


def _unescape(data: bytes) -> bytes:
    return _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)


def _inflated(data: bytes):
    budget = MAX_INFLATED
    for match in _STREAM.finditer(data):
        inflater = zlib.decompressobj()
        try:
            out = inflater.decompress(match.group(1), budget)
        except zlib.error:
            continue  # not Flate (an image, a font): nothing to read as PDF syntax
        budget -= len(out)
        yield out
        if budget <= 0:
            return


def active_content(upload) -> str | None:
    """The first active PDF name found (e.g. ``"JavaScript"``), or None."""
    upload.seek(0)
    data = b"".join(upload.chunks())
    upload.seek(0)
    for part in (data, *_inflated(data)):
        found = _NAME.search(_unescape(part))
        if found:
            return found.group(1).decode()
    return None
