"""versions.compare(): six sections, field by field, with an inline diff readable in Thai."""

import copy

import pytest

from applications.enums import State
from applications.textdiff import Segment, diff_text
from applications.versions import compare, snapshot
from tests import paths


def seg(*pairs):
    return tuple(Segment(op, text) for op, text in pairs)


def test_diff_thai_by_character_cluster_keeps_marks_with_their_letters():
    old = "ลดการปล่อยคาร์บอนร้อยละ 1 ต่อปี"
    new = "ลดการปล่อยก๊าซคาร์บอนไดออกไซด์ร้อยละ 2 ต่อปี"
    assert diff_text(old, new) == seg(
        ("equal", "ลดการปล่อย"), ("insert", "ก๊าซ"), ("equal", "คาร์บอน"), ("insert", "ไดออกไซด์"),
        ("equal", "ร้อยละ "), ("delete", "1"), ("insert", "2"), ("equal", " ต่อปี"),
    )


def test_diff_thai_insertion_without_spaces():
    assert diff_text("เทศบาลนครภูเก็ตมุ่งพัฒนาเมืองให้น่าอยู่", "เทศบาลนครภูเก็ตมุ่งพัฒนาเมืองให้ปลอดภัยและน่าอยู่") == seg(
        ("equal", "เทศบาลนครภูเก็ตมุ่งพัฒนาเมืองให้"), ("insert", "ปลอดภัยและ"), ("equal", "น่าอยู่"),
    )


def test_diff_english_by_whole_words():
    assert diff_text("The quick brown fox jumps", "The quick red fox leaps") == seg(
        ("equal", "The quick "), ("delete", "brown"), ("insert", "red"), ("equal", " fox "),
        ("delete", "jumps"), ("insert", "leaps"),
    )


def test_diff_rewrite_shown_whole_rather_than_as_scattered_letters():
    assert diff_text("เมืองน่าอยู่ ปลอดภัย", "วิสัยทัศน์ฉบับแก้ไข") == seg(
        ("delete", "เมืองน่าอยู่ ปลอดภัย"), ("insert", "วิสัยทัศน์ฉบับแก้ไข"),
    )


def test_diff_only_the_changed_line_of_a_long_text():
    old = "บรรทัดแรก\nบรรทัดที่สอง\nบรรทัดสุดท้าย"
    new = "บรรทัดแรก\nบรรทัดที่สาม\nบรรทัดสุดท้าย"
    assert diff_text(old, new) == seg(
        ("equal", "บรรทัดแรก\nบรรทัดที่ส"), ("delete", "อง"), ("insert", "าม"), ("equal", "\nบรรทัดสุดท้าย"),
    )


@pytest.mark.django_db
def test_compare_vision_change_and_no_change_elsewhere():
    proposal = paths.bring_to(State.DRAFT)
    old = snapshot(proposal)
    new = copy.deepcopy(old)
    new["area"]["vision"] = "เมืองน่าอยู่ ปลอดภัย และยั่งยืน"
    sections = compare(old, new)
    assert [s.key for s in sections] == [
        "area", "infrastructure", "data_platform", "dimensions", "management", "attachments",
    ]
    assert [s.changed for s in sections] == [True, False, False, False, False, False]
    (change,) = sections[0].changes
    assert (change.label, change.old, change.new, change.status) == (
        "Vision", "เมืองน่าอยู่ ปลอดภัย", "เมืองน่าอยู่ ปลอดภัย และยั่งยืน", "changed",
    )
    assert change.segments == seg(("equal", "เมืองน่าอยู่ ปลอดภัย"), ("insert", " และยั่งยืน"))


@pytest.mark.django_db
def test_compare_dimensions_by_code_added_removed_and_changed():
    proposal = paths.bring_to(State.DRAFT)
    old = snapshot(proposal)
    new = copy.deepcopy(old)
    env, mob = new["dimensions"]
    env["summary"] = "แผน ENV ฉบับปรับปรุง"
    env["initiatives"][0]["budget_thb"] = "1500000.00"
    env["indicators"][0]["target"] = "25.0000"
    new["dimensions"] = [env, {"dimension": "LIV", "summary": "แผน LIV", "initiatives": [], "indicators": []}]
    (section,) = [s for s in compare(old, new) if s.key == "dimensions"]
    assert [(d.code, d.status) for d in section.dimensions] == [
        ("ENV", "changed"), ("MOB", "removed"), ("LIV", "added"),
    ]
    env_diff, mob_diff, liv_diff = section.dimensions
    assert env_diff.name == "Smart Environment"
    assert [(c.label, c.old, c.new) for c in env_diff.changes] == [
        ("Summary of smart services", "แผน ENV", "แผน ENV ฉบับปรับปรุง"),
        ("Initiative “โครงการ ENV”: Budget (THB)", "1,000,000 baht", "1,500,000 baht"),
        ("Indicator “ตัวชี้วัด ENV”: Target", "20", "25"),
    ]
    assert [(c.label, c.new, c.status) for c in liv_diff.changes] == [
        ("Summary of smart services", "แผน LIV", "added"),
    ]
    assert [(c.label, c.status) for c in mob_diff.changes] == [
        ("Summary of smart services", "removed"),
        ("Initiative “โครงการ MOB”", "removed"),
        ("Indicator “ตัวชี้วัด MOB”", "removed"),
    ]
    assert mob_diff.changes[1].old.startswith("โครงการ MOB · 1,000,000 baht · 1 January 2026 – 31 December 2028")


def test_compare_attachments_by_content():
    a = {"kind": "full_plan", "original_name": "plan.pdf", "sha256": "a" * 64, "size": 2048}
    b = {"kind": "map", "original_name": "map.png", "sha256": "b" * 64, "size": 100}
    renamed = dict(a, original_name="plan-v2.pdf")
    sections = compare({"attachments": [a, b]}, {"attachments": [renamed]})
    (changes,) = [s.changes for s in sections if s.key == "attachments"]
    assert [(c.label, c.old, c.new, c.status) for c in changes] == [
        ("plan-v2.pdf", "plan.pdf · Full smart city plan · 2.0\xa0KB", "plan-v2.pdf · Full smart city plan · 2.0\xa0KB",
         "changed"),
        ("map.png", "Map of the target area · 100\xa0bytes", "", "removed"),
    ]
