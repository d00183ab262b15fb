"""Serving a stored upload (an annex, a report's evidence) to the one who may read it."""

from django.http import FileResponse, Http404


def protected_file_response(stored, *, filename: str, content_type: str) -> FileResponse:
    """``stored`` (a FieldFile) as a download named ``filename``; 404 when the file is gone.

    The caller has already checked who may read it. Whatever the upload claims to be, the
    browser saves it and never shows it inline, sniffs its type, or lets it run anything;
    a shared proxy never caches it.
    """
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
