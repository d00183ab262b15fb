"""Template filters over core.thai (the library does the work; these only expose it)."""

from django import template

from core import thai

register = template.Library()


@register.filter
def localdate(value, style="long"):
    """Thai pages: ``8 มีนาคม 2565`` (B.E.); English pages: ``8 March 2022``."""
    return thai.local_date(value, style)


@register.filter
def thai_date(value):
    return thai.thai_date(value)


@register.filter
def thai_date_short(value):
    return thai.thai_date(value, short=True)


@register.filter
def baht(value):
    """Thousands separators, no decimals unless there are satang."""
    return thai.baht(value)


@register.filter
def number(value):
    """A decimal as people write it: separators, no trailing zeros (``4.5``, not ``4.5000``)."""
    return thai.plain_number(value)


@register.filter
def localyear(value):
    """A year as the reader counts it (B.E. on Thai pages)."""
    return thai.local_year(value)
