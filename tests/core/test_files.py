import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile, FileField
from django.http import Http404

from core.files import protected_file_response


def _stored(tmp_path, name, content=None):
    storage = FileSystemStorage(location=tmp_path)
    if content is not None:
        name = storage.save(name, ContentFile(content))
    field = FileField(storage=storage)
    return FieldFile(None, field, name)


def test_a_stored_file_is_a_download_that_is_never_shown_inline_nor_cached(tmp_path):
    response = protected_file_response(_stored(tmp_path, "evidence.html", b"<script>alert(1)</script>"),
                                       filename="หลักฐาน.html", content_type="text/html")
    assert b"".join(response.streaming_content) == b"<script>alert(1)</script>"
    assert response["Content-Type"] == "text/html"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%E0%B8%AB%E0%B8%A5%E0%B8%B1%E0%B8%81%E0%B8%90%E0%B8%B2%E0%B8%99.html"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"
    response.file_to_stream.close()  # (response.close() would signal the end of a request)


def test_a_file_gone_from_storage_is_a_404(tmp_path):
    with pytest.raises(Http404):
        protected_file_response(_stored(tmp_path, "gone.pdf"), filename="gone.pdf", content_type="application/pdf")
