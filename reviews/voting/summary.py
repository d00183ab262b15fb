"""A resolution's vote summary in the reader's language.

The record keeps the text as the meeting recorded it, in Thai (services.resolution_text).
An English page re-words the lines the portal wrote itself (the count, who was present,
the tie) and leaves what people typed (the requested changes, names) as it was typed.
A text the portal did not write, or one corrected by hand, matches no line and is shown as is.
"""

import re
from functools import lru_cache

from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..enums import VoteChoice

# The lines of services.resolution_text, by msgid (the same gettext calls, so one translation).
LINES = (
    "Votes: %(counts)s",
    "Present: %(present)s of %(eligible)s eligible members (quorum %(needed)s)",
    "Conflicts of interest declared: %(names)s",
    "The votes were tied; the chair's vote decided",
    "Requested changes: %(changes)s",
)


def _pattern(text: str) -> re.Pattern:
    escaped = re.escape(text)
    return re.compile("^" + re.sub(r"%\\\((\w+)\\\)s", r"(?P<\1>.+?)", escaped) + "$")


@lru_cache(maxsize=4)
def _recorded():
    """The Thai form of each line as a pattern, and each choice's Thai label."""
    with translation.override("th"):
        lines = [(msgid, _pattern(_(msgid))) for msgid in LINES]
        labels = {str(choice.label): choice for choice in VoteChoice}
    return lines, labels


def _counts(text: str, labels: dict) -> str | None:
    parts = []
    for part in text.split(", "):
        label, _space, number = part.rpartition(" ")
        if label not in labels or not number.isdigit():
            return None
        parts.append(f"{labels[label].label} {number}")
    return ", ".join(parts)


def in_reader_language(text: str) -> str:
    if not text or (get_language() or "th").startswith("th"):
        return text
    lines, labels = _recorded()
    out = []
    for line in text.split("\n"):
        for msgid, pattern in lines:
            found = pattern.match(line)
            if not found:
                continue
            values = found.groupdict()
            if "counts" in values:
                values["counts"] = _counts(values["counts"], labels)
                if values["counts"] is None:
                    continue
            line = _(msgid) % values if values else _(msgid)
            break
        out.append(line)
    return "\n".join(out)
