"""The Thai catalogue: complete, not fuzzy, placeholders kept, and the committed .mo matches the .po.

The .po is read with the standard library only, and the .mo with ``gettext``,
so these checks run on a bare machine; only the ``msgfmt --check`` sub-check
needs GNU gettext and is skipped where it is missing.
"""

import ast
import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "th" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$')
# %(name)s, %d, %s ... and the escaped %% (which is no placeholder).
_PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifeEgGxXorc%]")


def parse_po(text):
    """Entries of a .po file as dicts: msgctxt, msgid, msgid_plural, msgstr {index: text}, flags, obsolete."""
    entries, entry, field = [], None, None

    def finish():
        if entry is not None and entry["msgid"] is not None:
            entries.append(entry)

    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            finish()
            entry = None
            continue
        if entry is None:
            entry = {"msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": {}, "flags": set(),
                     "obsolete": False, "line": number}
        if line.startswith("#~"):
            entry["obsolete"] = True
        elif line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
        elif line.startswith("#"):
            continue
        elif match := _KEYWORD.match(line):
            keyword, index, literal = match.groups()
            value = ast.literal_eval(literal)
            if keyword.startswith("msgstr"):
                field = ("msgstr", int(index or 0))
                entry["msgstr"][field[1]] = value
            else:
                field = (keyword, None)
                entry[keyword] = value
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if field[0] == "msgstr":
                entry["msgstr"][field[1]] += value
            else:
                entry[field[0]] += value
        else:
            raise AssertionError(f"{PO.name}:{number}: cannot read {line!r}")
    finish()
    return entries


@pytest.fixture(scope="module")
def entries():
    return parse_po(PO.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def messages(entries):
    """The translatable entries (no header, no obsolete ones)."""
    return [e for e in entries if e["msgid"] != "" and not e["obsolete"]]


def _key(entry):
    return f"{entry['msgctxt']}\x04{entry['msgid']}" if entry["msgctxt"] is not None else entry["msgid"]


def test_catalogue_has_the_portal_messages(messages):
    msgids = {e["msgid"] for e in messages}
    assert {"Draft", "Withdrawn", "Skip to content", "Still missing before submission"} <= msgids
    assert len(messages) > 300


def test_catalogue_header_is_thai_utf8_and_not_fuzzy(entries):
    header = next(e for e in entries if e["msgid"] == "")
    assert "fuzzy" not in header["flags"]
    assert "Language: th\n" in header["msgstr"][0]
    assert "Content-Type: text/plain; charset=UTF-8\n" in header["msgstr"][0]
    assert "Plural-Forms: nplurals=1; plural=0;\n" in header["msgstr"][0]


def test_catalogue_no_entry_fuzzy(messages):
    fuzzy = [e["msgid"] for e in messages if "fuzzy" in e["flags"]]
    assert fuzzy == []


def test_catalogue_no_msgstr_empty(messages):
    empty = [e["msgid"] for e in messages if not e["msgstr"] or any(not s.strip() for s in e["msgstr"].values())]
    assert empty == []


def test_catalogue_no_obsolete_entries(entries):
    assert [e["msgid"] for e in entries if e["obsolete"]] == []


def test_catalogue_placeholders_kept_exactly(messages):
    wrong = []
    for e in messages:
        if "python-format" not in e["flags"]:
            continue
        sources = [e["msgid"]] + ([e["msgid_plural"]] if e["msgid_plural"] else [])
        expected = sorted(_PLACEHOLDER.findall(sources[-1]))
        for text in e["msgstr"].values():
            if sorted(_PLACEHOLDER.findall(text)) != expected:
                wrong.append((e["msgid"], text))
    assert wrong == []


def test_catalogue_translations_are_thai(messages):
    # Every message says something in Thai (placeholders and codes alone are allowed).
    thai = re.compile("[\u0e00-\u0e7f]")
    untranslated = [
        e["msgid"] for e in messages
        if not any(thai.search(s) for s in e["msgstr"].values())
        and _PLACEHOLDER.sub("", e["msgid"]).strip(" :.") != ""
    ]
    assert untranslated == []


def test_compiled_mo_matches_po(messages):
    """The committed .mo holds exactly the .po's translations: it was compiled after the last edit."""
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    expected = {}
    for e in messages:
        if e["msgid_plural"] is not None:
            for index, text in e["msgstr"].items():
                expected[(_key(e), index)] = text
        else:
            expected[_key(e)] = e["msgstr"][0]
    compiled.pop("", None)  # the header
    assert compiled == expected


def test_catalogue_passes_msgfmt_check():
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext's msgfmt is not installed; the other catalogue checks still ran")
    result = subprocess.run(
        [msgfmt, "--check", "--output-file=/dev/null", str(PO)], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stderr) == (0, "")
