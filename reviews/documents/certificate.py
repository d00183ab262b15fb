"""A certified city's certificate as a PDF: A4 landscape, Thai with an English line.

The certificate is an official Thai document, so it is set in Thai whatever
the reader's language, each heading followed by its English version.
"""

from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from applications.enums import State
from core.thai import thai_date

from .pdf import FAMILY, GOLD, GREY, NAVY, Document

RED = (160, 20, 20)


def _both(message, **values) -> tuple:
    """``message`` in Thai and in English."""
    with translation.override("th"):
        th = gettext(message) % values if values else gettext(message)
    with translation.override("en"):
        en = gettext(message) % values if values else gettext(message)
    return th, en


def _frame(doc):
    doc.set_draw_color(*NAVY)
    doc.set_line_width(1.6)
    doc.rect(8, 8, doc.w - 16, doc.h - 16)
    doc.set_draw_color(*GOLD)
    doc.set_line_width(0.6)
    doc.rect(12, 12, doc.w - 24, doc.h - 24)
    doc.set_line_width(0.2)


def _centred(doc, text, size, *, bold=False, color=(0, 0, 0), height=None):
    doc.set_font(FAMILY, "B" if bold else "", size)
    doc.set_text_color(*color)
    doc.set_x(doc.l_margin)
    doc.multi_cell(0, height or size * 0.5, text, align="C", new_x="LMARGIN", new_y="NEXT")
    doc.set_text_color(0, 0, 0)


def _fact(doc, x, width, label, value):
    y = doc.get_y()
    doc.set_xy(x, y)
    doc.set_font(FAMILY, "", 11)
    doc.set_text_color(*GREY)
    doc.cell(width, 5, label, align="C", new_x="LEFT", new_y="NEXT")
    doc.set_font(FAMILY, "B", 15)
    doc.set_text_color(*NAVY)
    doc.cell(width, 8, value, align="C")
    doc.set_text_color(0, 0, 0)
    doc.set_y(y)


# Marked for translation only; _both() looks each up in Thai and in English.
TITLE = gettext_noop("Smart city certificate")
CERTIFIES = gettext_noop("The Smart City Development Committee certifies that")
IS_SMART_CITY = gettext_noop("is a smart city in the dimensions of")
PROPOSED_BY = gettext_noop("proposed by %(organisation)s, %(province)s")
NUMBER = gettext_noop("Certificate number")
CERTIFIED_ON = gettext_noop("Certified on")
VALID_UNTIL = gettext_noop("Valid until")
OFFICE = gettext_noop("Smart City Thailand Office, Digital Economy Promotion Agency (depa)")
STATUS = gettext_noop("Status of this certificate: %(state)s")
VERIFY = gettext_noop("Verify this certificate")


def certificate_pdf(proposal, *, verify_url="", created=None) -> bytes:
    """The certificate; with ``verify_url``, a QR code and the address of its verification page."""
    title_th, title_en = _both(TITLE)
    doc = Document(title=f"{title_th} {proposal.certificate_number}", landscape=True, created=created)
    doc.set_margins(28, 22, 28)
    doc.set_auto_page_break(False)
    doc.footer = lambda: None  # one page, framed: no page number
    doc.add_page()
    _frame(doc)
    doc.set_y(24)
    _centred(doc, title_th, 30, bold=True, color=NAVY, height=13)
    _centred(doc, title_en, 14, color=GREY, height=7)
    doc.ln(4)
    _centred(doc, _both(CERTIFIES)[0], 16, height=8)
    doc.ln(1)
    _centred(doc, proposal.name_th, 26, bold=True, height=12)
    if proposal.name_en:
        _centred(doc, proposal.name_en, 15, color=GREY, height=7)
    doc.ln(2)
    organisation = proposal.organisation
    with translation.override("th"):
        provinces = ", ".join(p.name_th for p in proposal.provinces.all()) or organisation.province.name_th
        line = gettext(PROPOSED_BY) % {"organisation": organisation.name_th, "province": provinces}
    _centred(doc, line, 15, height=8)
    dimensions = [plan.dimension for plan in proposal.plans.all()]
    _centred(doc, _both(IS_SMART_CITY)[0], 15, height=8)
    _centred(doc, "  ·  ".join(d.name_th for d in dimensions), 15, bold=True, color=NAVY, height=8)
    en = " · ".join(d.name_en for d in dimensions if d.name_en)
    if en:
        _centred(doc, en, 11, color=GREY, height=6)

    doc.set_y(doc.h - 70)
    column = (doc.w - 2 * doc.l_margin) / 3
    # Areas loaded from the public record: the record states no end date, so none is invented.
    # Read through the relation's name: reviews sits below register and does not import it.
    from_record = type(proposal).objects.filter(pk=proposal.pk, public_record__isnull=False).exists()
    facts = (
        (NUMBER, proposal.certificate_number),
        (CERTIFIED_ON, thai_date(proposal.certified_on)),
        (VALID_UNTIL, "ตามประกาศ / As announced" if from_record else thai_date(proposal.valid_until)),
    )
    for index, (label, value) in enumerate(facts):
        th, en = _both(label)
        _fact(doc, doc.l_margin + index * column, column, f"{th} / {en}", value)
    doc.set_y(doc.h - 50)
    if proposal.status != State.CERTIFIED:
        with translation.override("th"):
            state = str(State(proposal.status).label)
            _centred(doc, gettext(STATUS) % {"state": state}, 15, bold=True, color=RED, height=8)
    doc.set_y(doc.h - 36)
    doc.set_draw_color(*GOLD)
    doc.line(doc.w / 2 - 50, doc.get_y(), doc.w / 2 + 50, doc.get_y())
    doc.ln(2)
    office_th, office_en = _both(OFFICE)
    _centred(doc, office_th, 13, height=6)
    _centred(doc, office_en, 10, color=GREY, height=5)
    if verify_url:
        _verification(doc, verify_url)
    return doc.render()


def _verification(doc, url):
    size = 24
    doc.qr(url, x=doc.w - 16 - size, y=doc.h - 16 - size, size=size)
    th, en = _both(VERIFY)
    doc.set_xy(16, doc.h - 24)
    doc.set_font(FAMILY, "", 9)
    doc.set_text_color(*GREY)
    doc.cell(120, 4, f"{th} / {en}:", new_x="LEFT", new_y="NEXT")
    doc.cell(120, 4, url)
    doc.set_text_color(0, 0, 0)
