"""Recognise evidence files by their content, not their name (pure; no Django)."""

import hashlib
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024

# kind → (extensions accepted, MIME type recorded)
KINDS: dict[str, tuple[tuple[str, ...], str]] = {
    "pdf": ((".pdf",), "application/pdf"),
    "jpg": ((".jpg", ".jpeg"), "image/jpeg"),
    "png": ((".png",), "image/png"),
    "docx": ((".docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ((".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


@dataclass(frozen=True)
class Sniffed:
    """What a file turned out to be."""

    kind: str
    content_type: str
    sha256: str
    size: int


class EvidenceRefused(ValueError):  # noqa: N818 - a verdict
    """The file is not an accepted kind, is too big, or its name lies about its content."""


def _office_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def detect_kind(data: bytes) -> str | None:
    """Return "pdf", "jpg", "png", "docx" or "xlsx" from the bytes, or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    return None


def sniff(name: str, chunks: Iterable[bytes], *, max_bytes: int = MAX_EVIDENCE_BYTES) -> Sniffed:
    """Read the file once: refuse it if too big or not an accepted kind matching its extension."""
    digest = hashlib.sha256()
    parts: list[bytes] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > max_bytes:
            raise EvidenceRefused("too_big")
        digest.update(chunk)
        parts.append(chunk)
    if size == 0:
        raise EvidenceRefused("empty")
    kind = detect_kind(b"".join(parts))
    if kind is None:
        raise EvidenceRefused("kind")
    extensions, content_type = KINDS[kind]
    if not name.lower().endswith(extensions):
        raise EvidenceRefused("extension")
    return Sniffed(kind=kind, content_type=content_type, sha256=digest.hexdigest(), size=size)
