"""The checks of test_axe_pages find what they look for (else a clean run proves nothing)."""

import pytest

from .axe import install, thai_outside_lang_th, violations

pytestmark = pytest.mark.browser


def test_axe_reports_an_unlabelled_field_and_low_contrast(chromium):
    context = chromium.new_context()
    install(context)
    page = context.new_page()
    page.set_content('<html lang="en"><head><title>t</title></head><body><main><h1>Form</h1>'
                     '<input id="x"><p style="color:#bbb;background:#fff">pale text</p></main></body></html>')
    found = violations(page)
    context.close()
    assert [line.split(" ")[0] for line in found] == ["color-contrast", "label"]


def test_thai_is_found_outside_an_element_marked_thai(chromium):
    context = chromium.new_context()
    page = context.new_page()
    page.set_content('<html lang="en"><body><p>Vision: เมืองน่าอยู่</p><p lang="th">ภูเก็ต</p>'
                     '<p hidden>ซ่อน</p></body></html>')
    found = thai_outside_lang_th(page)
    context.close()
    assert found == ["Vision: เมืองน่าอยู่"]
