"""The Vietnamese catalogue is complete: every UI string in the code has a Vietnamese translation."""

import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
CATALOGUE = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def _entries(po_text: str) -> dict[str, str]:
    """Map msgid to msgstr for a .po text (enough of the format for our catalogues)."""
    entries: dict[str, str] = {}
    msgid: list[str] | None = None
    msgstr: list[str] | None = None
    current: list[str] | None = None
    fuzzy = False

    def flush() -> None:
        if msgid is not None and msgstr is not None:
            key = "".join(msgid)
            if key:
                entries[key] = "" if fuzzy else "".join(msgstr)

    for line in [*po_text.splitlines(), ""]:
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid "):
            msgid, msgstr = [line[6:].strip()[1:-1]], None
            current = msgid
        elif line.startswith(("msgstr ", "msgstr[0] ")):
            msgstr = [line.split(" ", 1)[1].strip()[1:-1]]
            current = msgstr
        elif line.startswith('"') and current is not None:
            current.append(line.strip()[1:-1])
        elif not line.strip():
            flush()
            msgid = msgstr = current = None
            fuzzy = False
    return entries


def test_committed_catalogue_has_no_untranslated_or_fuzzy_entries():
    text = CATALOGUE.read_text(encoding="utf-8")
    entries = _entries(text)
    assert len(entries) > 100
    assert [k for k, v in entries.items() if not v] == []
    assert unicodedata.is_normalized("NFC", text)


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext tools are installed by make setup")
def test_every_string_in_the_code_is_in_the_catalogue(tmp_path):
    # Extract afresh into a copy of the tree, so the committed catalogue is not touched.
    copy = tmp_path / "src"
    ignore = shutil.ignore_patterns(
        ".venv", "node_modules", ".git", "var", "*.pyc", "__pycache__", "staticfiles"
    )
    shutil.copytree(ROOT, copy, ignore=ignore)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "vi",
            "--no-obsolete",
            "--ignore=bench",
            "--ignore=thidua/regulations",
            "-v",
            "0",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    fresh = _entries((copy / "locale" / "vi" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"))
    missing = sorted(k for k, v in fresh.items() if not v)
    assert missing == [], f"Untranslated UI strings: {missing}"
