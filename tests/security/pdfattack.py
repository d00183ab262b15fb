"""Hostile PDFs built byte by byte, so each hides its script the way the attacks of issue 17 did.

:func:`build` writes a PDF 1.5 file whose catalog, page tree and actions sit in a
compressed object stream, found only through a cross-reference stream: a reader
sees them only after decoding that object stream with its filters. The encoders
below give the object stream the filters of the four bypasses.
"""

import base64
import binascii
import zlib

MIB = 1024 * 1024

# One page that draws a line of text, opened with a script (the /OpenAction of issue 17).
SCRIPTED = {
    1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R /AA << /WC 4 0 R >> "
       b"/Names << /JavaScript << /Names [(run) 4 0 R] >> >> >>",
    2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 10 0 R "
       b"/Resources << /Font << /F1 5 0 R >> >> /AA << /O 4 0 R >> >>",
    4: b"<< /Type /Action /S /JavaScript /JS (app.launchURL\\('https://evil.example/'\\);) >>",
    5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
}
PAGE_TEXT = b"Smart city plan"
CONTENT = b"BT /F1 18 Tf 20 100 Td (" + PAGE_TEXT + b") Tj ET"


def stream(entries: bytes, data: bytes) -> bytes:
    return b"<< " + entries + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def plain(data: bytes):
    return b"", data


def flate(data: bytes):
    return b"/Filter /FlateDecode", zlib.compress(data)


def ascii_hex(data: bytes):
    return b"/Filter /ASCIIHexDecode", binascii.hexlify(data) + b">"


def ascii85(data: bytes):
    return b"/Filter /ASCII85Decode", base64.a85encode(data) + b"~>"


def flate_png_predictor(data: bytes, columns: int = 8):
    """Flate with the PNG "Up" predictor: every row is stored as its difference from the row above."""
    data += b" " * (-len(data) % columns)
    rows, previous = [], bytes(columns)
    for start in range(0, len(data), columns):
        row = data[start:start + columns]
        rows.append(b"\x02" + bytes((a - b) % 256 for a, b in zip(row, previous, strict=True)))
        previous = row
    entries = b"/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns %d >>" % columns
    return entries, zlib.compress(b"".join(rows))


def zlib_bomb(size: int = 64 * MIB, head: bytes = b"") -> bytes:
    """``head`` and ``size`` zero bytes deflated, a mebibyte at a time: small compressed (about size/1000)."""
    packer = zlib.compressobj(9)
    zeros = bytes(MIB)
    return packer.compress(head) + b"".join(packer.compress(zeros) for _ in range(size // MIB)) + packer.flush()


def flate_bomb(data: bytes):
    """An object stream whose objects are followed by 64 MiB of zeros: a bomb that must be decoded to be read."""
    return b"/Filter /FlateDecode", zlib_bomb(64 * MIB, head=data)


def build(packed=None, encode=flate, before=(), content=CONTENT, content_entries=b"") -> bytes:
    """A PDF whose objects ``packed`` ({number: dictionary}) sit in one object stream encoded by ``encode``.

    ``before``: stream objects written ahead of the object stream, as (entries, data), e.g. a bomb.
    The page's content stream is object 10 (``content_entries`` added to its dictionary); the
    object stream and the xref stream come last.
    """
    packed = dict(SCRIPTED if packed is None else packed)
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}

    def put(number, body):
        offsets[number] = len(out)
        out.extend(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    put(10, stream(content_entries, content))
    for i, (entries, data) in enumerate(before):
        put(11 + i, stream(entries, data))
    header, bodies = [], b""
    for number, body in packed.items():
        header.append(b"%d %d" % (number, len(bodies)))
        bodies += body + b"\n"
    head = b" ".join(header) + b"\n"
    objstm = 50
    entries, data = encode(head + bodies)
    put(objstm, stream(b"/Type /ObjStm /N %d /First %d " % (len(packed), len(head)) + entries, data))
    xref = 51
    size = xref + 1
    rows = []
    for number in range(size):
        if number in packed:
            rows.append(b"\x02" + objstm.to_bytes(4, "big") + list(packed).index(number).to_bytes(2, "big"))
        elif number in offsets or number == xref:
            rows.append(b"\x01" + offsets.get(number, len(out)).to_bytes(4, "big") + b"\x00\x00")
        else:
            rows.append(b"\x00" * 5 + b"\xff\xff")
    start = len(out)
    put(xref, stream(b"/Type /XRef /Size %d /W [1 4 2] /Root 1 0 R" % size, b"".join(rows)))
    out.extend(b"startxref\n%d\n%%%%EOF\n" % start)
    return bytes(out)
