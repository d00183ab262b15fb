from decimal import Decimal, InvalidOperation

from django import template
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language

from smartcity import thai

register = template.Library()


def _thai_active() -> bool:
    return (get_language() or "th")[:2] == "th"


@register.filter
def localdate(value, style="long"):
    """Thai pages: ``8 มีนาคม 2565`` (B.E.); English pages: ``8 March 2022``."""
    if value in (None, ""):
        return ""
    short = style == "short"
    if _thai_active():
        return thai.thai_date(value, short=short)
    d = thai._as_date(value)
    return date_format(d, "j M y" if short else "j F Y")


@register.filter
def thai_date(value):
    return thai.thai_date(value)


@register.filter
def thai_date_short(value):
    return thai.thai_date(value, short=True)


@register.filter
def baht(value):
    """Thousands separators, no decimals unless there are satang."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return value
    return f"{amount:,.0f}" if amount == amount.to_integral() else f"{amount:,.2f}"
