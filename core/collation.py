"""Dictionary order for lists people read: Thai names in Thai dictionary order.

A plain sort puts every name that starts with a leading vowel (เ แ โ ใ ไ) after ฮ, because
those vowels are written first but sorted by the consonant that follows. ICU's Thai collation
(the CLDR rules every Thai dictionary follows) gets that right; English names are sorted
with ICU's English rules.
"""

from functools import cache

import icu

from .thai import thai_active


@cache
def _collator(language: str):
    return icu.Collator.createInstance(icu.Locale("th_TH" if language == "th" else "en_GB"))


def sort_key(text: str, language: str | None = None) -> bytes:
    """The key that sorts ``text`` in the dictionary order of ``language`` (default: active)."""
    language = language or ("th" if thai_active() else "en")
    return _collator(language).getSortKey(text or "")


def sorted_by_name(items, name=lambda item: item.name, language: str | None = None) -> list:
    """``items`` in dictionary order of their names, as the reader's language sorts them."""
    return sorted(items, key=lambda item: sort_key(name(item), language))
