"""Inline differences between two texts, readable for Thai as well as English.

Text is cut into tokens first: runs of Latin letters and
digits are words, whitespace is its own token, and Thai, which writes no
spaces between words, goes by character cluster (a consonant with the vowel
and tone marks above or below it, so a diff never splits a mark from its
letter). Scattered one-letter matches are then folded into the change, so
the result reads as whole phrases replaced rather than confetti.
"""

import difflib
import re
from dataclasses import dataclass

_THAI_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_TOKEN = re.compile(rf"\s+|[0-9A-Za-z]+|[^{_THAI_MARKS}\s][{_THAI_MARKS}]*|.", re.S)
_ISLAND = 2  # equal runs this short, between two changes, are folded into the change
_FINE_LIMIT = 3000  # tokens per side above which a changed block is shown whole
_SIMILAR = 0.4  # below this similarity a text is shown as replaced whole


@dataclass(frozen=True)
class Segment:
    op: str  # "equal", "delete" or "insert"
    text: str


def tokens(text: str) -> list:
    return _TOKEN.findall(text)


def whole(old, new):
    """The old text deleted and the new inserted, as one replacement."""
    return tuple(s for s in (Segment("delete", old), Segment("insert", new)) if s.text)


def _fold(parts):
    """Fold short equal islands into the changes around them, then merge each run of changes."""
    for i in range(1, len(parts) - 1):
        op, toks = parts[i]
        if op == "equal" and len(toks) <= _ISLAND and parts[i - 1][0] != "equal" and parts[i + 1][0] != "equal":
            parts[i] = ("both", toks)
    out, deleted, inserted = [], [], []

    def flush():
        if deleted:
            out.append(Segment("delete", "".join(deleted)))
        if inserted:
            out.append(Segment("insert", "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for op, toks in parts:
        if op == "equal":
            flush()
            out.append(Segment("equal", "".join(toks)))
            continue
        if op in ("delete", "both"):
            deleted.extend(toks)
        if op in ("insert", "both"):
            inserted.extend(toks)
    flush()
    return out


def _token_diff(old: str, new: str) -> list:
    a, b = tokens(old), tokens(new)
    # A common head and tail cost nothing to find and keep the matcher's work small.
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    mid_a, mid_b = a[head:len(a) - tail], b[head:len(b) - tail]
    parts = [("equal", a[:head])] if head else []
    if len(mid_a) > _FINE_LIMIT or len(mid_b) > _FINE_LIMIT:
        parts += [("delete", mid_a), ("insert", mid_b)]
    else:
        matcher = difflib.SequenceMatcher(None, mid_a, mid_b, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                parts.append(("equal", mid_a[i1:i2]))
            else:
                if i2 > i1:
                    parts.append(("delete", mid_a[i1:i2]))
                if j2 > j1:
                    parts.append(("insert", mid_b[j1:j2]))
    if tail:
        parts.append(("equal", a[len(a) - tail:]))
    return _fold([p for p in parts if p[1]])


def diff_text(old: str, new: str) -> tuple:
    """Inline diff of two texts: line by line first, then word or Thai character cluster."""
    old, new = old or "", new or ""
    if not old or not new:
        return whole(old, new)
    if difflib.SequenceMatcher(None, old, new, autojunk=False).quick_ratio() < _SIMILAR:
        return whole(old, new)
    lines_a, lines_b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    segments = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, lines_a, lines_b, autojunk=False).get_opcodes():
        block_a, block_b = "".join(lines_a[i1:i2]), "".join(lines_b[j1:j2])
        if op == "equal":
            segments.append(Segment("equal", block_a))
        elif op == "replace":
            segments.extend(_token_diff(block_a, block_b))
        else:
            segments.extend(whole(block_a, block_b))
    # Neighbouring segments of the same kind read as one.
    merged = []
    for seg in segments:
        if merged and merged[-1].op == seg.op:
            merged[-1] = Segment(seg.op, merged[-1].text + seg.text)
        else:
            merged.append(seg)
    changed = sum(len(s.text) for s in merged if s.op != "equal")
    if changed and sum(len(s.text) for s in merged if s.op == "equal") < changed * _SIMILAR:
        return whole(old, new)  # hardly anything kept: a rewrite reads better whole
    return tuple(merged)
