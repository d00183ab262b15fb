"""Thai calendar helpers: the Buddhist Era and Thai month names.

Dates are stored Gregorian; these functions only change how they are shown.
"""

import datetime

BE_OFFSET = 543

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
