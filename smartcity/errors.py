"""The server-error handler: a database outage is a 503 with a clear message.

Django calls ``handler500`` inside the ``except`` block of the failed request,
so ``sys.exc_info()`` names the error. When the database cannot be reached
(restart, failover, network) the visitor is told the portal is briefly
unavailable and that nothing saved is lost, with Retry-After; the API gets the
same as JSON. Neither response touches the database or the template engine.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.views.defaults import server_error

UNAVAILABLE_HTML = """<!DOCTYPE html>
<html lang="th"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>ระบบไม่พร้อมให้บริการชั่วคราว — Temporarily unavailable</title></head>
<body>
<h1>ระบบไม่พร้อมให้บริการชั่วคราว</h1>
<p>ฐานข้อมูลของระบบไม่ตอบสนองในขณะนี้ ข้อมูลที่บันทึกไว้แล้วไม่สูญหาย
และคำขอนี้ไม่ได้บันทึกสิ่งใดไว้ครึ่งทาง กรุณาลองใหม่อีกครั้งในอีกสักครู่</p>
<h2 lang="en">Temporarily unavailable</h2>
<p lang="en">The portal's database is not answering right now. Nothing you saved is lost and nothing
of this request was half-saved. Please try again in a moment.</p>
<p><a href="/">หน้าแรก / Home</a></p>
</body></html>
"""

API_DETAIL = {
    "th": "ระบบไม่พร้อมให้บริการชั่วคราว (ฐานข้อมูลไม่ตอบสนอง) กรุณาลองใหม่อีกครั้งในอีกสักครู่",
    "en": "The portal is temporarily unavailable (database not answering). Please try again in a moment.",
}


def database_unavailable(request):
    if request.path_info.startswith("/api/"):
        lang = "en" if request.headers.get("Accept-Language", "").lower().startswith("en") else "th"
        return JsonResponse({"code": "unavailable", "detail": API_DETAIL[lang]}, status=503,
                            headers={"Retry-After": "10"}, json_dumps_params={"ensure_ascii": False})
    return HttpResponse(UNAVAILABLE_HTML, status=503, headers={"Retry-After": "10"})


def handler500(request, *args, **kwargs):
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return database_unavailable(request)
    return server_error(request, *args, **kwargs)
