"""Uploading an annex: the type comes from the bytes, the size is capped, a refusal stores nothing."""

import hashlib
import random

import pikepdf
import pytest
from django.core.files.uploadhandler import StopUpload
from django.urls import reverse

from applications.annexes.uploads import SizeLimitUploadHandler
from applications.enums import State
from applications.models import Attachment
from tests import paths
from tests.factories import StaffFactory, proponent

from .conftest import jpeg_bytes, member_of, pdf_bytes, png_bytes, rewritten, stored_files, upload


def post(client, proposal, name, content, kind="full_plan", content_type="application/pdf"):
    # The kind goes first, as the page's form sends it.
    return client.post(
        reverse("annex-upload", args=[proposal.pk]),
        {"kind": kind, "file": upload(name, content, content_type)},
    )


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.mark.django_db
def test_upload_pdf_stored_with_detected_type_size_and_sha256(client, media, draft):
    member = member_of(draft)
    client.force_login(member)
    content = pdf_bytes(b"% the master plan\n")
    # The browser's content type is a lie; it must not matter.
    response = post(client, draft, "แผนแม่บท 2568.pdf", content, content_type="text/html")
    assert response.status_code == 302
    assert response["Location"] == reverse("proposal-detail", args=[draft.pk]) + "#annexes"
    a = Attachment.objects.get(proposal=draft)
    kept = rewritten(content)  # a PDF is kept as its rewritten copy: size and hash are of that copy
    assert kept != content
    assert (a.kind, a.original_name, a.content_type, a.size, a.sha256, a.uploaded_by) == (
        "full_plan", "แผนแม่บท 2568.pdf", "application/pdf", len(kept), hashlib.sha256(kept).hexdigest(), member,
    )
    assert stored_files(media) == [a.file.name]
    assert a.file.name.startswith(f"proposals/{draft.pk}/") and "แผน" not in a.file.name
    assert (media / a.file.name).read_bytes() == kept


@pytest.mark.django_db
def test_upload_html_named_pdf_refused_in_thai_and_nothing_stored(client, media, draft):
    client.force_login(member_of(draft))
    response = post(client, draft, "x.pdf", b"<!DOCTYPE html><html><body>not a pdf</body></html>")
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == ["แฟ้ม ‘x.pdf’ ไม่ใช่ PDF: ตรวจจากเนื้อหาของแฟ้ม"]
    text = response.content.decode()
    assert 'role="alert"' in text and 'aria-invalid="true"' in text
    assert Attachment.objects.count() == 0
    assert stored_files(media) == []


@pytest.mark.django_db
def test_upload_png_named_pdf_refused_for_a_plan(english, media, draft):
    english.force_login(member_of(draft))
    response = post(english, draft, "plan.pdf", png_bytes())
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "The file ‘plan.pdf’ is not a PDF: checked from the file’s content. "
        "Only the map of the target area may be a PNG or JPEG image."
    ]
    assert Attachment.objects.count() == 0
    assert stored_files(media) == []


@pytest.mark.django_db
def test_upload_pdf_named_png_refused_for_a_letter(english, media, draft):
    english.force_login(member_of(draft))
    response = post(english, draft, "letter.png", pdf_bytes(), kind="support_letter", content_type="image/png")
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "The file ‘letter.png’ is a PDF file, but its name ends in “.png”: rename it to end in .pdf and "
        "upload it again."
    ]
    assert Attachment.objects.count() == 0
    assert stored_files(media) == []


@pytest.mark.django_db
def test_upload_pdf_without_end_marker_refused(english, media, draft):
    english.force_login(member_of(draft))
    response = post(english, draft, "cut.pdf", pdf_bytes()[:-7])
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "The file ‘cut.pdf’ starts as a PDF but has no end-of-file marker: it may be damaged or cut short. "
        "Save or export it again and upload it once more."
    ]
    assert Attachment.objects.count() == 0


@pytest.mark.django_db
def test_upload_oversize_refused_with_the_limit_and_nothing_stored(english, media, draft, settings):
    settings.UPLOAD_MAX_MB = 1
    english.force_login(member_of(draft))
    big = pdf_bytes(b"0" * (1536 * 1024))
    response = post(english, draft, "big.pdf", big)
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "The file ‘big.pdf’ is larger than 1 MB, the most one annex may be."
    ]
    assert response.context["form"].too_big == "big.pdf"  # stopped while the body was read
    assert "larger than 1 MB" in response.content.decode()
    assert Attachment.objects.count() == 0
    assert stored_files(media) == []


@pytest.mark.django_db
def test_upload_at_the_limit_accepted(client, media, draft, settings):
    settings.UPLOAD_MAX_MB = 1
    client.force_login(member_of(draft))
    tail = pdf_bytes()
    exact = tail[:9] + b"0" * (1024 * 1024 - len(tail)) + tail[9:]
    assert len(exact) == 1024 * 1024
    assert post(client, draft, "exact.pdf", exact).status_code == 302
    assert Attachment.objects.get().size == len(rewritten(exact))


def test_size_limiter_stops_at_the_chunk_past_the_limit(settings):
    settings.UPLOAD_MAX_MB = 1
    handler = SizeLimitUploadHandler()
    handler.new_file("file", "big.pdf", "application/pdf", None)
    chunk = b"0" * (64 * 1024)
    for i in range(16):  # exactly 1 MB passes through untouched
        assert handler.receive_data_chunk(chunk, i * len(chunk)) is chunk
    with pytest.raises(StopUpload) as stopped:
        handler.receive_data_chunk(b"0", 1024 * 1024)
    assert (stopped.value.connection_reset, handler.too_big) == (False, "big.pdf")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "content_type"), [
    ("แผนที่เขตพื้นที่.png", png_bytes(), "image/png"),
    ("แผนที่.jpg", jpeg_bytes(), "image/jpeg"),
    ("แผนที่.pdf", pdf_bytes(), "application/pdf"),
])
def test_upload_map_accepts_pdf_png_and_jpeg(client, media, draft, name, content, content_type):
    client.force_login(member_of(draft))
    assert post(client, draft, name, content, kind="map", content_type="application/octet-stream").status_code == 302
    a = Attachment.objects.get()
    kept = rewritten(content) if content_type == "application/pdf" else content  # images are kept as sent
    assert (a.kind, a.original_name, a.content_type, a.size) == ("map", name, content_type, len(kept))


@pytest.mark.django_db
def test_upload_name_without_ending_gets_the_detected_one(client, media, draft):
    client.force_login(member_of(draft))
    assert post(client, draft, "แผนที่", png_bytes(), kind="map").status_code == 302
    assert Attachment.objects.get().original_name == "แผนที่.png"


@pytest.mark.django_db
def test_upload_same_file_twice_refused(english, media, draft):
    english.force_login(member_of(draft))
    content = pdf_bytes()
    assert post(english, draft, "a.pdf", content).status_code == 302
    response = post(english, draft, "b.pdf", content)
    assert response.context["form"].errors["file"] == ["The file ‘b.pdf’ is already attached, as ‘a.pdf’."]
    assert list(Attachment.objects.values_list("original_name", flat=True)) == ["a.pdf"]
    assert len(stored_files(media)) == 1


@pytest.mark.django_db
def test_upload_refused_when_submitted_with_a_message(english, media):
    proposal = paths.bring_to(State.SUBMITTED)
    english.force_login(member_of(proposal))
    response = post(english, proposal, "late.pdf", pdf_bytes())
    assert response.status_code == 302
    follow = english.get(response["Location"])
    assert [str(m) for m in follow.context["messages"]] == [
        "This proposal cannot be changed while it is “Submitted”."
    ]
    assert Attachment.objects.count() == 0
    assert stored_files(media) == []
    # and the panel offers no upload form
    assert f'action="{reverse("annex-upload", args=[proposal.pk])}"' not in follow.content.decode()


@pytest.mark.django_db
def test_upload_page_without_kind_shows_the_error_next_to_the_field(english, media, draft):
    english.force_login(member_of(draft))
    response = post(english, draft, "a.pdf", pdf_bytes(), kind="")
    assert response.status_code == 400
    assert response.context["form"].errors["kind"] == ["This field is required."]
    assert Attachment.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["stranger", "anonymous", "staff"])
def test_upload_by_someone_outside_the_organisation_refused(client, media, draft, who):
    if who == "stranger":
        client.force_login(proponent())
    elif who == "staff":
        client.force_login(StaffFactory())
    response = post(client, draft, "a.pdf", pdf_bytes())
    # Strangers do not learn the proposal exists; staff may see it but not write it.
    assert response.status_code == (302 if who == "staff" else 404)
    assert Attachment.objects.count() == 0
    assert stored_files(media) == []


@pytest.mark.django_db
def test_upload_still_checks_the_csrf_token(media, draft):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member_of(draft))
    response = post(client, draft, "a.pdf", pdf_bytes())
    assert response.status_code == 403
    assert Attachment.objects.count() == 0
    assert stored_files(media) == []


@pytest.mark.django_db
def test_upload_with_the_pages_csrf_token_accepted(media, draft):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member_of(draft))
    client.get(reverse("annex-upload", args=[draft.pk]))
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse("annex-upload", args=[draft.pk]),
        {"csrfmiddlewaretoken": token, "kind": "full_plan", "file": upload("a.pdf", pdf_bytes())},
    )
    assert response.status_code == 302
    assert Attachment.objects.get().original_name == "a.pdf"


@pytest.mark.django_db
def test_upload_larger_than_memory_goes_through_a_temporary_file_and_is_kept_whole(client, media, draft, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024  # force Django's temporary-file handler
    client.force_login(member_of(draft))
    drawing = b"% " + random.Random(17).randbytes(3 * 1024 * 1024).replace(b"\n", b" ").replace(b"\r", b" ")
    content = pdf_bytes(page=drawing)
    assert post(client, draft, "big-but-allowed.pdf", content).status_code == 302
    a = Attachment.objects.get()
    kept = rewritten(content)
    assert (a.size, a.sha256) == (len(kept), hashlib.sha256(kept).hexdigest())
    assert (media / a.file.name).read_bytes() == kept
    with pikepdf.open(media / a.file.name) as pdf:
        assert pdf.pages[0].Contents.read_bytes() == drawing  # the whole page came through
