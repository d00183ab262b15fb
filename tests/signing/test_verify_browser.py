"""A reader in Thai checks a certificate on the verification page: the genuine PDF, then the same
PDF with one byte changed, then the genuine one again after the city's certificate was revoked."""

import pytest
from django.test import Client
from django.urls import reverse

from applications.enums import State
from applications.workflow import transition
from tests.factories import StaffFactory
from tests.paths import bring_to

from .conftest import tamper

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page, path):
    page.locator("#id_document").set_input_files(str(path))
    page.get_by_role("button", name="ตรวจสอบ PDF").click()
    return page.locator("#verify-answer")


def test_a_thai_reader_checks_a_genuine_a_tampered_and_a_revoked_certificate(page, live_server, tmp_path,
                                                                            screenshot_dir):
    city = bring_to(State.CERTIFIED)
    content = Client().get(reverse("certificate-pdf", kwargs={"pk": city.pk})).content
    genuine, altered = tmp_path / "certificate.pdf", tmp_path / "altered.pdf"
    genuine.write_bytes(content)
    altered.write_bytes(tamper(content))
    errors, missing = [], []
    page.on("console", lambda message: errors.append((message.text, message.location.get("url")))
            if message.type == "error" else None)
    page.on("response", lambda response: missing.append(response.url) if response.status == 404 else None)

    page.goto(f"{live_server.url}/verify/{city.certificate_number}")
    assert page.locator("h1").inner_text() == "ตรวจสอบใบรับรองเมืองอัจฉริยะ"
    assert "สถานะปัจจุบัน: ใช้ได้" in page.locator("#live-status").inner_text()
    answer = check(page, genuine)
    assert answer.get_attribute("data-code") == "genuine"
    assert "ถูกต้อง: PDF นี้ออกโดยระบบนี้ ไม่ถูกแก้ไข" in answer.inner_text()
    page.screenshot(path=str(screenshot_dir / "verify-valid.png"), full_page=True)

    answer = check(page, altered)
    assert answer.get_attribute("data-code") == "altered"
    assert "ถูกแก้ไขหลังลงลายมือชื่อ" in answer.inner_text()
    page.screenshot(path=str(screenshot_dir / "verify-tampered.png"), full_page=True)

    transition(city, "revoke", by=StaffFactory(), note="ไม่ดำเนินการตามแผนที่เสนอ")
    page.goto(f"{live_server.url}/verify/{city.certificate_number}")
    answer = check(page, genuine)
    assert "สถานะปัจจุบัน: เพิกถอน" in page.locator("#live-status").inner_text()
    assert "ถูกแทนที่แล้ว" in answer.inner_text()
    page.screenshot(path=str(screenshot_dir / "verify-revoked.png"), full_page=True)
    # (The browser asks for /favicon.ico by itself after a form's answer; the portal has none.)
    errors = [e for e in errors if not (e[1] or "").endswith("/favicon.ico")]
    assert (errors, missing) == ([], [])
    assert all(url.startswith(live_server.url) for url in page.requested_urls)
