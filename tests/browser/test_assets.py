"""What the pages load comes from our own static files: the CSS and the Thai font from its PyPI package."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.views import serve
from django.test import RequestFactory

FONT = "fonts/noto-sans-thai/NotoSansThai[wdth,wght].ttf"


def test_font_found_in_package_not_in_repository():
    found = Path(finders.find(FONT))
    assert found.parent.parent.name == "fontpkg_noto_sans_thai"
    assert found.read_bytes()[:4] == b"\x00\x01\x00\x00"  # a TrueType font
    assert not (Path(settings.BASE_DIR) / "static" / FONT).exists()


def test_font_served_by_static_view_with_debug(settings):
    settings.DEBUG = True
    response = serve(RequestFactory().get("/static/x"), FONT)
    assert (response.status_code, response["Content-Type"]) == (200, "font/ttf")
    assert len(b"".join(response.streaming_content)) == Path(finders.find(FONT)).stat().st_size


def test_stylesheet_declares_self_hosted_font_with_swap():
    css = Path(finders.find("css/portal.css")).read_text(encoding="utf-8")
    face = re.search(r"@font-face\s*\{([^}]*)\}", css).group(1)
    assert 'font-family: "Noto Sans Thai";' in face
    assert f'url("../{FONT}")' in face
    assert "font-display: swap;" in face
    assert re.search(r"body\s*\{[^}]*font-family: var\(--font\)", css)
    assert '--font: "Noto Sans Thai"' in css


def test_templates_load_nothing_from_other_sites():
    templates = Path(settings.BASE_DIR) / "templates"
    mine = [templates / "base.html", templates / "home.html", *templates.glob("applications/*.html"),
            *templates.glob("registration/*.html")]
    css = Path(finders.find("css/portal.css")).read_text(encoding="utf-8")
    offenders = [
        str(path) for path in mine
        if re.search(r"""(src|href)=["']?(https?:)?//""", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    assert not re.search(r"url\(\s*[\"']?(https?:)?//", css)
