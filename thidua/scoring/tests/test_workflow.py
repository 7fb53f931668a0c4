"""The scorecard transition table and the evidence file checks (no database)."""

import io
import zipfile

import pytest

from thidua.scoring.evidence import EvidenceRefused, detect_kind, sniff
from thidua.scoring.workflow import (
    Command,
    State,
    TransitionRefused,
    allowed_commands,
    next_state,
    self_assessment_open,
    structure_editable,
    verification_open,
)


@pytest.mark.parametrize(
    ("state", "command", "expected"),
    [
        (State.DRAFT, Command.OPEN, State.OPEN),
        (State.OPEN, Command.START_VERIFICATION, State.VERIFYING),
        (State.VERIFYING, Command.REOPEN, State.OPEN),
        (State.VERIFYING, Command.PUBLISH, State.PUBLISHED),
    ],
)
def test_allowed_transitions(state, command, expected):
    assert next_state(state, command) == expected


@pytest.mark.parametrize(
    ("state", "command"),
    [
        (State.DRAFT, Command.PUBLISH),
        (State.OPEN, Command.PUBLISH),
        (State.PUBLISHED, Command.REOPEN),
        (State.PUBLISHED, Command.OPEN),
        ("NONSENSE", Command.OPEN),
    ],
)
def test_refused_transitions(state, command):
    with pytest.raises(TransitionRefused):
        next_state(state, command)


def test_a_published_scorecard_allows_nothing():
    assert allowed_commands(State.PUBLISHED) == []
    assert allowed_commands(State.VERIFYING) == [Command.REOPEN, Command.PUBLISH]


def test_each_state_opens_one_kind_of_work():
    assert structure_editable(State.DRAFT) and not structure_editable(State.OPEN)
    assert self_assessment_open(State.OPEN) and not self_assessment_open(State.VERIFYING)
    assert verification_open(State.VERIFYING) and not verification_open(State.PUBLISHED)


def _office(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<x/>")
    return buffer.getvalue()


PDF = b"%PDF-1.7\n%\xe2\xe3\n1 0 obj<<>>endobj\n%%EOF"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
JPG = b"\xff\xd8\xff\xe0" + b"\x00" * 20


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (PDF, "pdf"),
        (PNG, "png"),
        (JPG, "jpg"),
        (_office("word/document.xml"), "docx"),
        (_office("xl/workbook.xml"), "xlsx"),
        (_office("other.xml"), None),
        (b"PK\x03\x04broken", None),
        (b"MZ\x90\x00 an executable", None),
        (b"<html>", None),
    ],
)
def test_files_are_recognised_by_content(data, kind):
    assert detect_kind(data) == kind


def test_sniff_hashes_and_sizes_an_accepted_file():
    sniffed = sniff("Biên bản.PDF", [PDF[:10], PDF[10:]])
    assert sniffed.kind == "pdf" and sniffed.size == len(PDF)
    assert sniffed.content_type == "application/pdf"
    assert len(sniffed.sha256) == 64


@pytest.mark.parametrize(
    ("name", "chunks", "reason"),
    [
        ("bao-cao.pdf", [PNG], "extension"),  # a picture renamed to .pdf
        ("virus.exe", [b"MZ\x90\x00"], "kind"),
        ("trong.pdf", [], "empty"),
        ("lon.pdf", [PDF, b"x" * 100], "too_big"),
    ],
)
def test_sniff_refuses_bad_files(name, chunks, reason):
    with pytest.raises(EvidenceRefused, match=reason):
        sniff(name, chunks, max_bytes=len(PDF) + 10)
