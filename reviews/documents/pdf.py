"""A small wrapper around fpdf2 for the portal's official documents.

Pure pip: fpdf2 lays out the page and uharfbuzz shapes the Thai (tone marks
and vowels above and below their consonant), so the documents render the
same on a bare machine with only Python. The font is Sarabun, the free
version of TH Sarabun, the Thai government's standard document font, taken
from the PyPI package ``fontpkg-sarabun`` pinned in requirements.txt.
"""

import io
import logging
import re
from functools import cache

import segno
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from core.staticfiles import package_dir

FAMILY = "Sarabun"
NAVY = (11, 61, 122)
GOLD = (212, 160, 23)
GREY = (90, 90, 90)

# fpdf2 breaks lines only at spaces, and Thai writes a sentence without them.
# A run too wide for its line gets break hints (zero-width spaces) before each
# leading vowel, which always opens a syllable; runs that fit are left alone,
# so their text reads back exactly.

# fontTools logs every glyph it keeps when fpdf2 subsets the font.
logging.getLogger("fontTools").setLevel(logging.WARNING)
_LEADING_VOWEL = re.compile(r"(?<=[\u0e01-\u0e4e])(?=[\u0e40-\u0e44])")


@cache
def font_files() -> dict:
    folder = package_dir("fontpkg_sarabun")
    return {"": folder / "Sarabun-Regular.ttf", "B": folder / "Sarabun-Bold.ttf"}


def breakable(text, fits) -> str:
    """``text`` with line-break hints inside the unspaced runs for which ``fits(run)`` is false."""
    words = str(text or "").split(" ")
    return " ".join(word if fits(word) else _LEADING_VOWEL.sub("\u200b", word) for word in words)


class Document(FPDF):
    """An A4 page set in Sarabun with Thai shaping, and a few layout helpers."""

    def __init__(self, *, title: str, landscape: bool = False, footer: str = "", mark: str = "", created=None):
        # PDF/A-3 (ETDA ขมธอ. 11-2560): fonts embedded, XMP metadata, an sRGB output intent, text
        # mapped to Unicode. ``created`` fixes the creation date, so the same content gives the
        # same bytes (documents/issue.py compares them to see whether anything changed).
        super().__init__(orientation="L" if landscape else "P", unit="mm", format="A4", enforce_compliance="PDFA_3U")
        if created is not None:
            self.set_creation_date(created)
        for style, path in font_files().items():
            self.add_font(FAMILY, style, str(path))
        self.set_text_shaping(True)
        self.set_title(title)
        self.set_creator("Smart City Thailand certification portal")
        self.set_lang("th")
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(True, margin=18)
        self.footer_text = footer
        # Printed at the top of every page (a draft says so on each sheet, not only the first).
        self.mark_text = mark
        self.set_font(FAMILY, size=14)

    def breakable(self, text, width=None) -> str:
        width = (width or self.epw) - 2 * self.c_margin
        return breakable(text, lambda word: self.get_string_width(word) <= width)

    # fpdf2 calls these on every page.
    def header(self):
        if not self.mark_text:
            return
        y = self.get_y()
        self.set_y(7)
        self.set_font(FAMILY, "B", 12)
        self.set_text_color(170, 20, 20)
        self.cell(0, 6, self.mark_text, align="R")
        self.set_text_color(0, 0, 0)
        self.set_font(FAMILY, size=14)
        self.set_y(max(y, self.t_margin))

    def footer(self):
        self.set_y(-13)
        self.set_font(FAMILY, size=10)
        self.set_text_color(*GREY)
        text = f"{self.footer_text}    {self.page_no()}/{{nb}}" if self.footer_text else f"{self.page_no()}/{{nb}}"
        self.cell(0, 6, text, align="R")
        self.set_text_color(0, 0, 0)

    def heading(self, text, *, size=18, align="C", color=NAVY, space=2):
        self.set_font(FAMILY, "B", size)
        self.set_text_color(*color)
        self.multi_cell(0, size * 0.5, self.breakable(text), align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)
        self.set_font(FAMILY, size=14)
        self.ln(space)

    def paragraph(self, text, *, size=14, bold=False, indent=0, align="L", space=1):
        self.set_font(FAMILY, "B" if bold else "", size)
        self.set_x(self.l_margin + indent)
        width = self.epw - indent
        self.multi_cell(
            width, size * 0.45, self.breakable(text, width), align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.set_font(FAMILY, size=14)
        if space:
            self.ln(space)

    def labelled(self, label, value, *, indent=0, label_width=45):
        """A ``label: value`` line, the label in bold, the value wrapping beside it."""
        self.set_x(self.l_margin + indent)
        self.set_font(FAMILY, "B", 14)
        self.cell(label_width, 7, str(label))
        self.set_font(FAMILY, "", 14)
        value = self.breakable(value, self.epw - indent - label_width)
        self.multi_cell(0, 7, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def grid(self, header, rows, *, widths=None, size=13):
        """A ruled table: a bold header row, then one row per item (all text)."""
        self.set_font(FAMILY, "", size)
        self.set_draw_color(160, 160, 160)
        with self.table(
            col_widths=widths, line_height=size * 0.5, text_align="LEFT", first_row_as_headings=True,
            headings_style=_heading_style(), padding=1.2,
        ) as table:
            head = table.row()
            for text in header:
                head.cell(str(text))
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(self.breakable(value, self.epw / len(header)))
        self.set_font(FAMILY, size=14)
        self.ln(2)

    def rule(self, color=GOLD, width=0.6):
        self.set_draw_color(*color)
        self.set_line_width(width)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.set_line_width(0.2)
        self.ln(3)

    def qr(self, url: str, *, x: float, y: float, size: float):
        """A QR code of ``url``, ``size`` mm square with its top-left corner at (x, y), as a PNG image
        (so a reader, or a test, finds it as the page's one image)."""
        buffer = io.BytesIO()
        segno.make(url, error="m").save(buffer, kind="png", scale=8, border=2)
        buffer.seek(0)
        self.image(buffer, x=x, y=y, w=size, h=size)

    def render(self) -> bytes:
        return bytes(self.output())


def _heading_style():
    from fpdf.fonts import FontFace

    return FontFace(family=FAMILY, emphasis="BOLD", color=NAVY, fill_color=(232, 238, 247))
