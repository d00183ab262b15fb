"""Thai calendar helpers: the Buddhist Era and Thai month names.

Dates are stored Gregorian; these functions only change how they are shown.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils.dateformat import format as date_format
from django.utils.translation import get_language

BE_OFFSET = 543
# A year typed from this number up is read as Buddhist Era (2400 B.E. is 1857 A.D., long
# before any date this portal records); a smaller one as Christian Era. Thai officers type
# B.E. by habit, and a Christian-Era year typed on a Thai page is still understood.
BE_FROM = 2400

MONTHS_TH = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
MONTHS_TH_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)


def be_year(year: int) -> int:
    return year + BE_OFFSET


def ce_year(be: int) -> int:
    return be - BE_OFFSET


def _as_date(value):
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def thai_date(value, short: bool = False) -> str:
    """``8 มีนาคม 2565``, or short ``9 พ.ย. 65``."""
    if value is None or value == "":
        return ""
    d = _as_date(value)
    if short:
        return f"{d.day} {MONTHS_TH_SHORT[d.month - 1]} {be_year(d.year) % 100:02d}"
    return f"{d.day} {MONTHS_TH[d.month - 1]} {be_year(d.year)}"


def meeting_number(number: int, year_be: int) -> str:
    """The official meeting label ``N/ปปปป``, e.g. ``1/2565``."""
    return f"{number}/{year_be}"


def thai_active() -> bool:
    """Is the active language Thai (the default when none is active)?"""
    return (get_language() or "th")[:2] == "th"


def local_date(value, style: str = "long") -> str:
    """Thai pages: ``8 มีนาคม 2565`` (B.E.); English pages: ``8 March 2022``."""
    if value in (None, ""):
        return ""
    short = style == "short"
    if thai_active():
        return thai_date(value, short=short)
    d = _as_date(value)
    return date_format(d, "j M y" if short else "j F Y")


def baht(value):
    """Thousands separators, no decimals unless there are satang."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return value
    return f"{amount:,.0f}" if amount == amount.to_integral() else f"{amount:,.2f}"


def plain_number(value) -> str:
    """``Decimal("10.0000")`` → ``10``; ``Decimal("4.5000")`` → ``4.5``; ``1234567.5`` → ``1,234,567.5``."""
    if value in (None, ""):
        return ""
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return value
    text = format(number, ",f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- typed dates and years: the user's calendar in, Gregorian stored -------------------------

def local_year(year: int | None) -> int | None:
    """The year as the reader counts it: B.E. on Thai pages, A.D. on English ones."""
    if year is None:
        return None
    return be_year(year) if thai_active() else year


def year_from_typed(year: int) -> int:
    """A typed year as stored (A.D.): 2569 and 2026 both mean 2026."""
    return ce_year(year) if year >= BE_FROM else year


def numeric_date(value) -> str:
    """``17/12/2569`` on Thai pages, ``17/12/2026`` on English ones: what a date field shows."""
    if value in (None, ""):
        return ""
    d = _as_date(value)
    return f"{d.day:02d}/{d.month:02d}/{local_year(d.year)}"


_DMY = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


# "17 ธ.ค. 2569", "17 ธันวาคม 2569", "17 Dec 2026", "17 December 2026" (an optional "พ.ศ."/"ค.ศ.").
_NAMED = re.compile(r"^\s*(\d{1,2})\s+([^\d\s]+)\s+(?:(?:พ\.\s?ศ\.|ค\.\s?ศ\.)\s*)?(\d{4})\s*$")
MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
             "october", "november", "december")


def _month_of(name: str) -> int:
    """1-12 for a Thai month (full or abbreviated, dots optional) or an English one (full or 3 letters)."""
    plain = name.replace(" ", "").replace(".", "").lower()
    for i, (full, short) in enumerate(zip(MONTHS_TH, MONTHS_TH_SHORT, strict=True), 1):
        if plain in (full, short.replace(".", "")):
            return i
    for i, full in enumerate(MONTHS_EN, 1):
        if plain == full or (len(plain) >= 3 and full.startswith(plain)):
            return i
    raise ValueError(name)


def parse_typed_date(text: str) -> datetime.date:
    """A date as a person types it: ``17/12/2569`` (B.E.), ``17/12/2026`` (A.D.), Thai digits,
    ``17 ธ.ค. 2569`` / ``17 ธันวาคม 2569`` / ``17 Dec 2026``, or ISO ``2026-12-17`` (what the API
    and older pages send). ValueError when it is not one."""
    text = (text or "").translate(THAI_DIGITS)
    if m := _ISO.match(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := _DMY.match(text):
        day, month, year = (int(g) for g in m.groups())
    elif m := _NAMED.match(text):
        day, month, year = int(m.group(1)), _month_of(m.group(2)), int(m.group(3))
    else:
        raise ValueError(text)
    return datetime.date(year_from_typed(year), month, day)


# The years a date typed in the portal may fall in: from B.E. 2500 (A.D. 1957) to ten years
# ahead. Outside it the year was surely misread (17/12/2569 taken as A.D. gives B.E. 3112).
FIRST_YEAR = 1957
YEARS_AHEAD = 10


def year_range(today=None) -> tuple:
    today = today or datetime.date.today()
    return FIRST_YEAR, today.year + YEARS_AHEAD


def year_readings(typed_year: int) -> tuple:
    """(as B.E., as A.D.) of a typed year, both readings shown when it is refused."""
    ce = year_from_typed(typed_year)
    return be_year(ce), ce


def year_in_range(year: int, today=None) -> bool:
    """Whether an A.D. ``year`` is one the portal takes."""
    first, last = year_range(today)
    return first <= year <= last
