"""Provinces are listed in Thai dictionary order: names that start with a leading vowel
(เ แ โ ใ ไ) sort by their consonant, not after ฮ."""

import pytest
from django.utils import translation

from core.collation import sorted_by_name
from provinces.selectors import provinces_in_order

pytestmark = pytest.mark.django_db


def test_leading_vowels_sort_by_their_consonant():
    names = ["แพร่", "เชียงใหม่", "กรุงเทพมหานคร", "ขอนแก่น", "ชลบุรี", "ไก่", "ก้อย"]
    assert sorted_by_name(names, name=str, language="th") == [
        "กรุงเทพมหานคร", "ก้อย", "ไก่", "ขอนแก่น", "ชลบุรี", "เชียงใหม่", "แพร่"]


def test_provinces_in_thai_order_on_thai_pages():
    with translation.override("th"):
        names = [p.name for p in provinces_in_order()]
    assert len(names) == 77
    assert names[:3] == ["กระบี่", "กรุงเทพมหานคร", "กาญจนบุรี"]
    # เชียงราย and เชียงใหม่ sit among the ช names, before ชัยนาท's neighbours in ซ.
    assert names.index("ชลบุรี") < names.index("เชียงราย") < names.index("เชียงใหม่") < names.index("ตรัง")
    assert names[-1] == "อุบลราชธานี"


def test_provinces_in_english_order_on_english_pages():
    with translation.override("en"):
        names = [p.name for p in provinces_in_order()]
    assert names[:2] == ["Amnat Charoen", "Ang Thong"]
    assert names == sorted(names, key=str.casefold)
