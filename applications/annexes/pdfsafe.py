"""Make an uploaded PDF safe by rewriting it, not by scanning it.

An annex is opened by officials on their own computers. Looking for bad names
in the bytes failed four ways (issue 17): a script hidden in an object stream
encoded with ASCIIHex, ASCII85 or Flate with a PNG predictor, or placed behind
a zlib bomb that used up the scanner's budget. So we no longer look: the file
is parsed by qpdf (through pikepdf), every stream is decoded under a budget,
the active parts are taken out of the parsed objects, and a new file is
written. The portal keeps and serves that new file, never the upload.

1. Decompression is bounded, and a file over a bound is refused, not skipped.
   qpdf decodes with its own filters; its process-wide limits
   (``pikepdf.settings.set_qpdf_limits``) make its Flate, RunLength and
   predictor decoders stop with "memory limit exceeded" past ``stream_limit()``
   bytes, so a 64 MiB bomb costs at most that much and a fraction of a second.
   Before any object inside an object stream is read, every stream the file
   holds directly is decoded here under that limit and its size is added to a
   per-file budget (``file_limit()``). A stream with Flate alone (nearly all
   of them) is inflated here with zlib a mebibyte at a time and only counted,
   so a bomb is refused without its output ever being held. qpdf's LZW decoder has no limit (an LZW
   code can stand for thousands of bytes), so a file naming LZW is refused
   before qpdf opens it; PDF/A forbids LZW too, and no current program writes it.
   Image codecs (JPEG, JPEG 2000, JBIG2, CCITT) are not decoded: only the
   filters in front of them, if any.
2. Active content is removed: every ``/OpenAction``, ``/AA`` (document, page,
   annotation and form-field), ``/JS``, the ``/JavaScript`` name tree,
   embedded files (``/EmbeddedFiles``, ``/EF``), ``/XFA``; an ``/A`` or
   ``/Next`` action is kept only if it is a go-to inside the document, a
   page-turning named action or an http(s)/mailto link; any other action
   dictionary (JavaScript, Launch, SubmitForm, ImportData, GoToR, media...) is
   emptied wherever it sits. pikepdf's own ``Sanitizer`` then removes what it
   knows on top (associated files, media, the portfolio view).
3. The file is written anew: object streams are generated afresh (Flate), so
   the filters an upload chose for them do not survive, encryption is removed,
   and the document ID is derived from the content (the same upload gives the
   same bytes, so a second upload of it is recognised).
"""

import io
import re
import zlib

import pikepdf
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pikepdf import Array, Dictionary, Name, StreamDecodeLevel
from pikepdf.sanitize import Sanitizer
from pikepdf.settings import set_qpdf_limits

MIB = 1024 * 1024
# Defaults for settings.PDF_STREAM_MAX_MB / PDF_FILE_MAX_MB: one A3 page scanned at
# 300 dpi in colour is about 50 MB decoded; scans are usually JPEG, which is not decoded.
STREAM_MAX_MB = 48
FILE_MAX_MB = 256

# The filters qpdf decodes without an image codec, by full and abbreviated name.
DECODABLE = {Name(n) for n in ("/FlateDecode", "/Fl", "/ASCIIHexDecode", "/AHx", "/ASCII85Decode", "/A85",
                               "/RunLengthDecode", "/RL")}
FLATE = {Name("/FlateDecode"), Name("/Fl")}
LZW = {b"LZWDecode", b"LZW"}
CHUNK = 1024 * 1024
# A name in the file that starts like LZW, escapes included (/L#5AW is /LZW).
_LZW_LIKE = re.compile(rb"/(?:L|#4[Cc])[^\x00\t\n\f\r ()<>\[\]{}/%]*")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")

# Keys whose whole value is active content or a payload: removed wherever they are.
REMOVED_KEYS = tuple(Name(n) for n in ("/OpenAction", "/AA", "/JS", "/JavaScript", "/EmbeddedFiles", "/EF",
                                       "/XFA", "/NeedsRendering", "/RichMediaContent"))
# Keys that hold one action (or a chain of them): kept only for the harmless kinds.
ACTION_KEYS = (Name.A, Name.PA)
SAFE_NAMED = {Name(n) for n in ("/NextPage", "/PrevPage", "/FirstPage", "/LastPage")}
SAFE_SCHEMES = ("http://", "https://", "mailto:")
# Action types that run, fetch, send or play something: such a dictionary is emptied anywhere.
ACTIVE_TYPES = {Name(n) for n in ("/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE",
                                  "/Rendition", "/Movie", "/Sound", "/RichMediaExecute", "/GoTo3DView")}


class Refused(Exception):
    """Raised inside this module; turned into a ValidationError with the file's name."""

    def __init__(self, code, limit_mb=None):
        super().__init__(code)
        self.code = code
        self.limit_mb = limit_mb


def stream_limit() -> int:
    return getattr(settings, "PDF_STREAM_MAX_MB", STREAM_MAX_MB) * MIB


def file_limit() -> int:
    return getattr(settings, "PDF_FILE_MAX_MB", FILE_MAX_MB) * MIB


def _names_lzw(data: bytes) -> bool:
    for match in _LZW_LIKE.finditer(data):
        name = _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), match.group()[1:])
        if name in LZW:
            return True
    return False


def _over_limit(exc) -> bool:
    return "memory limit exceeded" in str(exc)


def _as_list(value):
    if value is None:
        return []
    return list(value) if isinstance(value, Array) else [value]


def _inflated_size(raw: bytes, limit: int) -> int:
    """How many bytes Flate data inflates to, counted a chunk at a time and never kept.

    Refused past ``limit``: a bomb costs one chunk of memory and the time to
    inflate ``limit`` bytes. Damaged data counts up to the damage, as qpdf
    (and a viewer) would decode it.
    """
    inflater = zlib.decompressobj()
    total, data = 0, raw
    try:
        while True:
            out = inflater.decompress(data, CHUNK)
            total += len(out)
            if total > limit:
                raise Refused("stream_budget", limit // MIB)
            data = inflater.unconsumed_tail
            if inflater.eof or not (out or data):
                return total
    except zlib.error:
        return total


def _decoded_size(pdf, stream) -> int:
    """How many bytes ``stream`` decodes to; Refused past the per-stream limit."""
    filters = _as_list(stream.get(Name.Filter))
    if any(isinstance(f, Name) and str(f).encode()[1:] in LZW for f in filters):
        raise Refused("lzw")
    if len(filters) == 1 and filters[0] in FLATE:
        # The common case, counted without keeping the output (a predictor only
        # shrinks it: the count is an upper bound).
        return _inflated_size(stream.read_raw_bytes(), stream_limit())
    count = 0
    while count < len(filters) and isinstance(filters[count], Name) and filters[count] in DECODABLE:
        count += 1
    try:
        if count == 0:
            return len(stream.read_raw_bytes())
        if count == len(filters):
            target = stream
        else:  # decode the filters in front of an image codec, on a copy that nothing refers to (not saved)
            parms = _as_list(stream.get(Name.DecodeParms))
            target = pdf.make_stream(b"")
            target.write(stream.read_raw_bytes(), filter=Array(filters[:count]),
                         decode_parms=Array(parms[:count]) if parms else None)
        return len(memoryview(target.get_stream_buffer(StreamDecodeLevel.specialized)))
    except (pikepdf.PikepdfError, RuntimeError) as exc:  # qpdf raises both kinds
        if _over_limit(exc):
            raise Refused("stream_budget", stream_limit() // MIB) from None
        # Damaged data that no reader can decode either: it is copied as it is.
        return len(stream.read_raw_bytes())


def _check_streams(pdf) -> None:
    """Decode every stream under the per-stream and per-file budgets, object streams first.

    Streams are never inside object streams, so the xref entries of type 1 reach
    them all before any packed object (and so any object stream) is read.
    """
    budget = file_limit()
    for objgen, entry in sorted(pdf.get_xref_table().items()):
        if entry.type != 1:
            continue
        obj = pdf.get_object(objgen)
        if isinstance(obj, pikepdf.Stream):
            budget -= _decoded_size(pdf, obj)
            if budget < 0:
                raise Refused("file_budget", file_limit() // MIB)


def _safe_action(action) -> bool:
    if not isinstance(action, Dictionary):
        return False
    kind = action.get(Name.S)
    if kind == Name.GoTo:
        return True
    if kind == Name.Named:
        named = action.get(Name.N)
        return isinstance(named, Name) and named in SAFE_NAMED
    if kind == Name.URI:
        uri = action.get(Name.URI)
        return isinstance(uri, pikepdf.String) and str(uri).strip().lower().startswith(SAFE_SCHEMES)
    return False


def _clean(obj, removed: set) -> list:
    """Strip one dictionary in place; return its direct children to visit."""
    for key in REMOVED_KEYS:
        if key in obj:
            value = obj[key]
            del obj[key]
            # Opening at a page (a destination array, as most PDF writers put) or the
            # XFA companion flag is no active content to report; everything else is.
            if not (key == Name.OpenAction and isinstance(value, Array)) and key != Name.NeedsRendering:
                removed.add(str(key)[1:])
    kind = obj.get(Name.S)
    if isinstance(kind, Name) and kind in ACTIVE_TYPES:
        removed.add(str(kind)[1:])
        for key in list(obj.keys()):
            del obj[key]
        return []
    for key in ACTION_KEYS:
        # Only a dictionary there is an action (a /Measure's /A, say, is an array of number formats).
        if isinstance(obj.get(key), (Dictionary, pikepdf.Stream)) and not _safe_action(obj[key]):
            removed.add("action")
            del obj[key]
    if Name.Next in obj and isinstance(kind, Name):  # an action's chain; an outline item's /Next is a sibling
        kept = [a for a in _as_list(obj[Name.Next]) if _safe_action(a)]
        if len(kept) != len(_as_list(obj[Name.Next])):
            removed.add("action")
            if kept:
                obj[Name.Next] = Array(kept)
            else:
                del obj[Name.Next]
    return [obj[key] for key in obj.keys()]


def _strip_active(pdf) -> set:
    """Walk every object, and the dictionaries and arrays written inside them."""
    removed = set()
    for top in pdf.objects:
        stack = [top]
        while stack:
            obj = stack.pop()
            if isinstance(obj, (Dictionary, pikepdf.Stream)):
                children = _clean(obj, removed)
            elif isinstance(obj, Array):
                children = list(obj)
            else:
                continue
            stack.extend(c for c in children if isinstance(c, (Dictionary, Array)) and not c.is_indirect)
    (Sanitizer().remove_javascript().remove_attachments().remove_multimedia().remove_collection()
     .apply(pdf))
    return removed


def _rewrite(data: bytes):
    if _names_lzw(data):
        raise Refused("lzw")
    limit = stream_limit()
    # Process-wide (qpdf has no per-document limits); every upload sets the same values.
    set_qpdf_limits(flate_max_memory=limit, run_length_max_memory=limit, png_max_memory=limit,
                    tiff_max_memory=limit, dct_max_memory=limit)
    try:
        pdf = pikepdf.open(io.BytesIO(data), conversion_mode="explicit")
    except pikepdf.PasswordError:
        raise Refused("password") from None
    except (pikepdf.PikepdfError, RuntimeError) as exc:  # qpdf raises both kinds
        raise Refused("stream_budget" if _over_limit(exc) else "unreadable", limit // MIB) from None
    with pdf:
        try:
            _check_streams(pdf)
            removed = _strip_active(pdf)
            out = io.BytesIO()
            pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                     stream_decode_level=StreamDecodeLevel.generalized, encryption=False,
                     deterministic_id=True)
            # qpdf only warns when a limit stops it while reading an object stream or
            # writing a stream (it then leaves the object out or copies the stream raw).
            if any(_over_limit(w) for w in pdf.get_warnings()):
                raise Refused("stream_budget", limit // MIB)
        except (pikepdf.PikepdfError, RuntimeError) as exc:  # qpdf raises both kinds
            raise Refused("stream_budget" if _over_limit(exc) else "unreadable", limit // MIB) from None
    return out.getvalue(), removed


def _message(refusal, name) -> str:
    params = {"name": name, "limit": refusal.limit_mb}
    if refusal.code == "password":
        return _("The file ‘%(name)s’ is protected with a password, so the portal cannot check it. Save a copy "
                 "without the password and upload that.") % params
    if refusal.code == "lzw":
        return _("The file ‘%(name)s’ uses the old LZW compression, which the portal does not accept (nor does "
                 "archival PDF/A). Save or export it again as PDF and upload it once more.") % params
    if refusal.code == "stream_budget":
        return _("The file ‘%(name)s’ holds compressed data that expands to more than %(limit)s MB, which "
                 "the portal does not accept. Save or export it again as PDF (for example with “Print to "
                 "PDF”) and upload it once more.") % params
    if refusal.code == "file_budget":
        return _("The content of the file ‘%(name)s’ expands to more than %(limit)s MB in all once "
                 "decompressed, which the portal does not accept. Split it into smaller files, or reduce "
                 "the size of its pictures, and upload them again.") % params
    return _("The file ‘%(name)s’ could not be read as a PDF: it may be damaged. Save or export it again as "
             "PDF and upload it once more.") % params


def pdf_rewrite(*, data: bytes, name: str):
    """The safe copy of the PDF ``data`` and the kinds of active content removed.

    Returns ``(bytes, removed)``; raises ValidationError (code ``pdf_<reason>``)
    if the file is refused.
    """
    try:
        return _rewrite(data)
    except Refused as refusal:
        raise ValidationError(_message(refusal, name), code=f"pdf_{refusal.code}") from None
