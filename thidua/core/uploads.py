"""Inspect uploads before anything is stored: kind by content, size, programs, zip bombs, active content.

Everything here works on bytes; only the limits, the virus scanner and the messages' language come from
Django. Callers (the public portal, exemplars) call `inspect_upload` on the form's file, store nothing when
it raises `UploadRefused`, and store the returned bytes (not the request's file) under `Inspected.safe_name`
when it does not. docs/howto/uploads.md lists the kinds, the limits and how to plug in a virus scanner.

Old binary Office files (.doc, .xls; OLE compound files) are refused as "type": they cannot be inspected for
macros here, and every office program saves PDF, DOCX or XLSX. Windows installers (.msi, also OLE) are
refused as "executable".
"""

import hashlib
import io
import re
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.errors import ValidationFailed
from thidua.core.formatting import format_number

MIB = 1024 * 1024
DEFAULT_MAX_BYTES = 10 * MIB
DEFAULT_MAX_EXPANDED_BYTES = 100 * MIB
DEFAULT_SCANNER = "thidua.core.uploads.eicar_scanner"
MAX_ENTRIES = 2000
MAX_RATIO = 100
RATIO_CHECKED_FROM = 1 * MIB
MAX_IMAGE_PIXELS = 40_000_000
MAX_NAME_LENGTH = 150
SCAN_HEAD = 4096
_CHUNK = 64 * 1024

# The stable reasons a file is refused; callers may branch on them, users read the message.
CODES = (
    "empty",
    "too_big",
    "type",
    "extension",
    "executable",
    "archive",
    "active_content",
    "encrypted",
    "damaged",
    "virus",
    "image_too_large",
    "name",
)


@dataclass(frozen=True)
class Kind:
    """A kind of file that can be accepted."""

    code: str
    extensions: tuple[str, ...]
    content_type: str
    label: str  # short, as in "Accepted: PDF, JPG"
    description: Promise  # "a PDF document", for messages


KINDS: dict[str, Kind] = {
    k.code: k
    for k in (
        Kind("pdf", (".pdf",), "application/pdf", "PDF", gettext_lazy("a PDF document")),
        Kind("jpg", (".jpg", ".jpeg"), "image/jpeg", "JPG", gettext_lazy("a JPEG photo")),
        Kind("png", (".png",), "image/png", "PNG", gettext_lazy("a PNG image")),
        Kind("webp", (".webp",), "image/webp", "WebP", gettext_lazy("a WebP image")),
        Kind(
            "docx",
            (".docx",),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "DOCX",
            gettext_lazy("a Word document (DOCX)"),
        ),
        Kind(
            "xlsx",
            (".xlsx",),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "XLSX",
            gettext_lazy("an Excel workbook (XLSX)"),
        ),
        Kind(
            "odt",
            (".odt",),
            "application/vnd.oasis.opendocument.text",
            "ODT",
            gettext_lazy("an OpenDocument text (ODT)"),
        ),
        Kind(
            "ods",
            (".ods",),
            "application/vnd.oasis.opendocument.spreadsheet",
            "ODS",
            gettext_lazy("an OpenDocument spreadsheet (ODS)"),
        ),
    )
}
DOCUMENT_KINDS = ("pdf", "docx", "xlsx", "odt", "ods", "jpg", "png")
PHOTO_KINDS = ("jpg", "png", "webp")
IMAGE_KINDS = frozenset({"jpg", "png", "webp"})
_PILLOW_FORMATS = {"jpg": {"JPEG", "MPO"}, "png": {"PNG"}, "webp": {"WEBP"}}

# Files recognised only to say clearly what they are when refused.
_OTHER_SIGNATURES: tuple[tuple[bytes, Promise], ...] = (
    (b"GIF87a", gettext_lazy("a GIF image")),
    (b"GIF89a", gettext_lazy("a GIF image")),
    (b"BM", gettext_lazy("a BMP image")),
    (b"II*\x00", gettext_lazy("a TIFF image")),
    (b"MM\x00*", gettext_lazy("a TIFF image")),
    (b"Rar!\x1a\x07", gettext_lazy("a RAR archive")),
    (b"7z\xbc\xaf\x27\x1c", gettext_lazy("a 7-Zip archive")),
    (b"\x1f\x8b", gettext_lazy("a compressed (gzip) file")),
    (b"{\\rtf", gettext_lazy("an RTF document")),
)
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1", b"avif")

# Programs, recognised by their first bytes whatever the file is called.
_PROGRAM_SIGNATURES = (
    b"MZ",  # DOS and Windows (PE) programs and libraries
    b"\x7fELF",  # Linux and Unix programs and libraries
    b"\xfe\xed\xfa\xce",  # Mach-O 32-bit
    b"\xfe\xed\xfa\xcf",  # Mach-O 64-bit
    b"\xce\xfa\xed\xfe",  # Mach-O 32-bit, little-endian
    b"\xcf\xfa\xed\xfe",  # Mach-O 64-bit, little-endian
    b"\xca\xfe\xba\xbe",  # Mach-O universal binary, and Java class files
    b"\xca\xfe\xba\xbf",  # Mach-O universal binary, 64-bit
    b"#!",  # scripts with an interpreter line
    b"L\x00\x00\x00\x01\x14\x02\x00\x00\x00\x00\x00\xc0\x00\x00\x00\x00\x00\x00F",  # Windows shortcut (.lnk)
    b"\x00asm",  # WebAssembly
    b"dex\n",  # Android Dalvik code
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_INSTALLER_EXTENSIONS = frozenset({".msi", ".msp", ".msm", ".mst"})
_PROGRAM_EXTENSIONS = frozenset(
    {
        ".exe", ".dll", ".com", ".scr", ".pif", ".cpl", ".sys", ".drv", ".ocx", ".bat", ".cmd", ".ps1",
        ".psm1", ".vbs", ".vbe", ".js", ".jse", ".wsf", ".wsh", ".hta", ".msi", ".msp", ".lnk", ".jar",
        ".class", ".sh", ".so", ".dylib", ".elf", ".apk", ".dex", ".app", ".reg", ".inf",
    }
)  # fmt: skip
_ARCHIVE_EXTENSIONS = frozenset(
    {
        ".zip", ".rar", ".7z", ".gz", ".tgz", ".bz2", ".xz", ".tar", ".cab", ".iso", ".docx", ".docm",
        ".xlsx", ".xlsm", ".pptx", ".pptm", ".odt", ".ods", ".odp", ".doc", ".xls", ".ppt",
    }
)  # fmt: skip
_ARCHIVE_SIGNATURES = (_ZIP, _OLE, b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b", b"MSCF")

_OOXML_MAIN = {
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
}
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
_EXTERNAL_RELATIONSHIPS = ("attachedtemplate", "oleobject", "frame", "subdocument", "package")
_KEEP_LIMIT = 2 * MIB

_PDF_ACTIVE_NAMES = {
    b"JavaScript": "JavaScript",
    b"JS": "JavaScript",
    b"Launch": "Launch",
    b"EmbeddedFile": "EmbeddedFile",
    b"EmbeddedFiles": "EmbeddedFile",
    b"RichMedia": "RichMedia",
    b"XFA": "XFA",
}
_PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}\x00]+)")
_PDF_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_PDF_LENGTH = re.compile(rb"/Length\s+(\d+)(?:\s+(\d+)\s+R)?")
_PDF_FILTERS = frozenset(
    {
        b"FlateDecode", b"Fl", b"LZWDecode", b"LZW", b"ASCIIHexDecode", b"AHx", b"ASCII85Decode", b"A85",
        b"RunLengthDecode", b"RL", b"CCITTFaxDecode", b"CCF", b"DCTDecode", b"DCT", b"JBIG2Decode",
        b"JPXDecode", b"Crypt",
    }
)  # fmt: skip

# The EICAR anti-virus test file (eicar.org), written in two halves so that this source is not itself
# mistaken for the test file by a scanner on a developer's machine.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR" + b"-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"

Scanner = Callable[[str, bytes], str | None]
_ZIP_READ_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    ValueError,
    NotImplementedError,
    RuntimeError,
    EOFError,
    OSError,
    zlib.error,
    struct.error,
    UnicodeError,
    KeyError,
    IndexError,
    OverflowError,
)


class UploadRefused(ValidationFailed):
    """The file was refused; `code` is one of CODES and the message names the file."""

    def __init__(self, code: str, message: str, *, name: str = "") -> None:
        if code not in CODES:
            raise ValueError(f"Unknown refusal code {code!r}.")
        super().__init__(message, {"file": [message]})
        self.code = code
        self.name = name


@dataclass(frozen=True)
class Inspected:
    """What an accepted file turned out to be."""

    kind: str
    content_type: str
    extension: str  # lower case, with the dot: ".pdf"
    safe_name: str
    sha256: str
    size: int


# --- names -------------------------------------------------------------------------------------------------

_RESERVED = re.compile(r'[<>:"|?*]')


def safe_filename(name: str) -> str:
    """Return `name` fit to show and store: NFC, no folders, no control or format characters, ≤ 150 chars.

    The extension is kept (in lower case) when the name has to be shortened; "" when nothing usable is left.
    """
    text = unicodedata.normalize("NFC", name or "")
    text = re.split(r"[/\\]", text)[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})
    text = _RESERVED.sub("_", text)
    text = " ".join(text.split()).strip(" .")
    stem, dot, extension = text.rpartition(".")
    if not dot or not stem or " " in extension or len(extension) > 10:
        stem, extension = text, ""
    stem = stem.rstrip(" .")
    extension = f".{extension.lower()}" if extension else ""
    if not stem:
        return ""
    room = MAX_NAME_LENGTH - len(extension)
    return stem[:room].rstrip(" .") + extension


def _extension_of(safe_name: str) -> str:
    stem, dot, extension = safe_name.rpartition(".")
    return f".{extension}" if dot and stem else ""


# --- messages ----------------------------------------------------------------------------------------------


def size_text(n: int) -> str:
    """Write a byte count for people: 10 MB, 512 KB, 300 B (binary units, one decimal at most)."""
    for unit, factor in (("GB", 1024**3), ("MB", MIB), ("KB", 1024)):
        if n >= factor:
            value = (Decimal(n) / factor).quantize(Decimal("0.1"))
            return f"{format_number(value.normalize() if value == value.to_integral() else value)} {unit}"
    return f"{n} B"


def _accepted_text(allowed: Iterable[str]) -> str:
    return ", ".join(KINDS[k].label for k in allowed)


def _refuse(code: str, name: str, message: str, **params: Any) -> UploadRefused:
    return UploadRefused(code, message % {"name": name, **params}, name=name)


def _damaged(name: str) -> UploadRefused:
    return _refuse(
        "damaged", name, _("“%(name)s” is damaged or incomplete and cannot be opened; it was refused.")
    )


def _too_big(name: str, limit: int) -> UploadRefused:
    return _refuse("too_big", name, _("“%(name)s” is larger than %(limit)s."), limit=size_text(limit))


def _bomb(name: str, limit: int) -> UploadRefused:
    return _refuse(
        "archive",
        name,
        _("“%(name)s” expands to more than %(limit)s when opened; it looks like a zip bomb and was refused."),
        limit=size_text(limit),
    )


def _encrypted(name: str) -> UploadRefused:
    return _refuse(
        "encrypted",
        name,
        _("“%(name)s” is protected by a password or encrypted; remove the protection and send it again."),
    )


def _active(name: str, what: str) -> UploadRefused:
    return _refuse(
        "active_content",
        name,
        _(
            "“%(name)s” contains active content (%(what)s) that could run on the reader's computer; "
            "it was refused."
        ),
        what=what,
    )


def _macros(name: str) -> UploadRefused:
    return _refuse(
        "active_content",
        name,
        _("“%(name)s” contains macros; save it as a document without macros and send it again."),
    )


def _program(name: str) -> UploadRefused:
    return _refuse(
        "executable", name, _("“%(name)s” is a program, not a document; programs are never accepted.")
    )


def _program_inside(name: str, entry: str) -> UploadRefused:
    return _refuse(
        "executable",
        name,
        _("“%(name)s” contains a program (%(entry)s); files with programs inside are never accepted."),
        entry=entry,
    )


# --- the checks --------------------------------------------------------------------------------------------


def is_program(head: bytes) -> bool:
    """Whether bytes starting with `head` are a program (Windows, Linux, macOS, Java, script, shortcut)."""
    return head.startswith(_PROGRAM_SIGNATURES)


def _is_pe(head: bytes) -> bool:
    """A Windows program: "MZ" and a "PE" header where the DOS header points (stricter than `is_program`)."""
    if not head.startswith(b"MZ") or len(head) < 0x40:
        return False
    (offset,) = struct.unpack_from("<I", head, 0x3C)
    return head[offset : offset + 4] == b"PE\x00\x00"


def _content_kind_hint(data: bytes) -> str | None:
    """The accepted kind the first bytes announce, before any deeper check."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def _other_description(data: bytes) -> str | None:
    for signature, description in _OTHER_SIGNATURES:
        if data.startswith(signature):
            return str(description)
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return _("a HEIC/HEIF photo (as iPhones take them)")
    if data.startswith(_ZIP):
        return _("a ZIP archive")
    return None


@dataclass
class _ZipContents:
    names: list[str] = field(default_factory=list)
    kept: dict[str, bytes] = field(default_factory=dict)


def _unsafe_entry_name(entry: str) -> bool:
    if entry.startswith(("/", "\\")) or "\\" in entry or "\x00" in entry or re.match(r"^[A-Za-z]:", entry):
        return True
    return any(part == ".." for part in entry.split("/"))


def _entry_extension(entry: str) -> str:
    base = entry.rsplit("/", 1)[-1].lower()
    return "." + base.rsplit(".", 1)[1] if "." in base else ""


def _check_zip_entry_name(name: str, entry: str) -> None:
    """Refuse entries whose names say program, macro, active control or nested archive."""
    lower = entry.lower()
    base = lower.rsplit("/", 1)[-1]
    extension = _entry_extension(entry)
    if base in {"vbaproject.bin", "vbadata.xml"} or lower.startswith(("basic/", "scripts/")):
        raise _macros(name)
    if "/macrosheets/" in f"/{lower}":
        raise _macros(name)
    if "/activex/" in f"/{lower}":
        raise _active(name, "ActiveX")
    if extension in _PROGRAM_EXTENSIONS:
        raise _program_inside(name, entry)
    if extension in _ARCHIVE_EXTENSIONS or "/embeddings/" in f"/{lower}":
        raise _refuse(
            "archive",
            name,
            _(
                "“%(name)s” contains another archive or an embedded file (%(entry)s); save it without "
                "embedded objects and send it again."
            ),
            entry=entry,
        )


def _inflate_entry(
    name: str, data: bytes, info: zipfile.ZipInfo, *, budget: int, max_expanded: int, keep: bool
) -> tuple[int, bytes, bytes | None]:
    """Decompress one entry from its local header, counting every byte; return (size, head, kept bytes).

    Declared sizes are not trusted: the output is counted against the entry's declared size and the whole
    archive's budget, and the compressed stream must end exactly where the archive says it does.
    """
    offset = info.header_offset
    header = data[offset : offset + 30]
    if len(header) < 30 or header[:4] != _ZIP:
        raise _damaged(name)
    flags, method = struct.unpack_from("<HH", header, 6)
    name_length, extra_length = struct.unpack_from("<HH", header, 26)
    if flags & 0x1:
        raise _encrypted(name)
    if method != info.compress_type:
        raise _damaged(name)
    start = offset + 30 + name_length + extra_length
    end = start + info.compress_size
    if end > len(data):
        raise _damaged(name)
    raw = memoryview(data)[start:end]
    produced = 0
    crc = 0
    head = b""
    kept: list[bytes] | None = [] if keep else None

    def take(piece: bytes) -> None:
        nonlocal produced, crc, head, kept
        produced += len(piece)
        if produced > budget:
            raise _bomb(name, max_expanded)
        if produced > info.file_size:
            raise _refuse(
                "archive",
                name,
                _(
                    "“%(name)s” declares sizes that do not match its contents; it looks like a zip bomb "
                    "and was refused."
                ),
            )
        crc = zlib.crc32(piece, crc)
        if len(head) < SCAN_HEAD:
            head += piece[: SCAN_HEAD - len(head)]
        if kept is not None:
            if produced > _KEEP_LIMIT:
                kept = None
            else:
                kept.append(piece)

    if info.compress_type == zipfile.ZIP_STORED:
        for i in range(0, len(raw), _CHUNK):
            take(bytes(raw[i : i + _CHUNK]))
    else:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            for i in range(0, len(raw), _CHUNK):
                pending = bytes(raw[i : i + _CHUNK])
                while pending:
                    take(inflater.decompress(pending, _CHUNK))
                    pending = inflater.unconsumed_tail
                    if inflater.eof:
                        break
                if inflater.eof:
                    break
            take(inflater.flush())
        except zlib.error as exc:
            raise _damaged(name) from exc
        if not inflater.eof:
            raise _damaged(name)
    if produced != info.file_size or crc != info.CRC:
        raise _damaged(name)
    return produced, head, (b"".join(kept) if kept is not None else None)


def _keep_entry(entry: str) -> bool:
    return entry in {"[Content_Types].xml", "mimetype", "META-INF/manifest.xml"} or entry.endswith(".rels")


def inspect_zip(name: str, data: bytes, *, max_expanded: int) -> _ZipContents:
    """Refuse zip bombs, unsafe paths, encrypted parts, nested archives, programs and macros in a ZIP file."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except _ZIP_READ_ERRORS as exc:
        raise _damaged(name) from exc
    if len(infos) > MAX_ENTRIES:
        raise _refuse(
            "archive",
            name,
            _("“%(name)s” contains more than %(count)s parts; it was refused."),
            count=format_number(MAX_ENTRIES),
        )
    seen: set[str] = set()
    declared = 0
    for info in infos:
        entry = info.filename
        if _unsafe_entry_name(entry):
            raise _refuse(
                "archive",
                name,
                _("“%(name)s” contains a part with an unsafe path (%(entry)s); it was refused."),
                entry=entry,
            )
        if entry in seen:
            raise _damaged(name)
        seen.add(entry)
        if info.flag_bits & 0x1:
            raise _encrypted(name)
        if info.compress_type not in {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}:
            raise _refuse(
                "archive",
                name,
                _("“%(name)s” uses a compression method that office programs do not use; it was refused."),
            )
        declared += info.file_size
        if declared > max_expanded:
            raise _bomb(name, max_expanded)
        if info.file_size > RATIO_CHECKED_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _refuse(
                "archive",
                name,
                _(
                    "“%(name)s” contains a part compressed far more than real documents are (%(entry)s); "
                    "it looks like a zip bomb and was refused."
                ),
                entry=entry,
            )
        if not info.is_dir():
            _check_zip_entry_name(name, entry)
    contents = _ZipContents(names=[i.filename for i in infos])
    expanded = 0
    for info in infos:
        if info.is_dir():
            if info.file_size:
                raise _damaged(name)
            continue
        size, head, kept = _inflate_entry(
            name,
            data,
            info,
            budget=max_expanded - expanded,
            max_expanded=max_expanded,
            keep=_keep_entry(info.filename),
        )
        expanded += size
        if is_program(head) and (not head.startswith(b"MZ") or _is_pe(head)):
            raise _program_inside(name, info.filename)
        if head.startswith(_ARCHIVE_SIGNATURES):
            raise _refuse(
                "archive",
                name,
                _(
                    "“%(name)s” contains another archive or an embedded file (%(entry)s); save it without "
                    "embedded objects and send it again."
                ),
                entry=info.filename,
            )
        if kept is not None:
            contents.kept[info.filename] = kept
    return contents


def _office_kind(name: str, contents: _ZipContents) -> str | None:
    """docx, xlsx, odt or ods from an inspected ZIP; refuse macro-enabled and encrypted documents."""
    mimetype = contents.kept.get("mimetype")
    if contents.names and contents.names[0] == "mimetype" and mimetype is not None:
        kind = _ODF_MIMETYPES.get(mimetype.strip())
        if kind is None:
            return None
        if b"encryption-data" in contents.kept.get("META-INF/manifest.xml", b""):
            raise _encrypted(name)
        return kind
    types = contents.kept.get("[Content_Types].xml")
    if types is None:
        return None
    if b"macroenabled" in types.lower() or b"vbaproject" in types.lower():
        raise _macros(name)
    for entry, text in contents.kept.items():
        if entry.endswith(".rels"):
            _check_relationships(name, text)
    for content_type, kind in _OOXML_MAIN.items():
        if re.search(rb'ContentType\s*=\s*["\']' + re.escape(content_type) + rb'["\']', types):
            return kind
    return None


def _check_relationships(name: str, text: bytes) -> None:
    """Refuse documents that fetch a template, frame or object from elsewhere when opened."""
    for tag in re.findall(rb"<(?:\w+:)?Relationship\b[^>]*>", text):
        if not re.search(rb'TargetMode\s*=\s*["\']External["\']', tag):
            continue
        kind = re.search(rb'Type\s*=\s*["\']([^"\']*)["\']', tag)
        if kind and kind.group(1).rsplit(b"/", 1)[-1].decode("ascii", "replace").lower() in (
            _EXTERNAL_RELATIONSHIPS
        ):
            raise _active(name, _("a template or object fetched from another address"))


def _pdf_names(chunk: bytes) -> set[bytes]:
    names = set()
    for match in _PDF_NAME.finditer(chunk):
        names.add(_PDF_HEX.sub(lambda m: bytes([int(m.group(1), 16)]), match.group(1)))
    return names


def _pdf_stream_length(dictionary: bytes, integers: dict[tuple[int, int], int]) -> int | None:
    """The stream's /Length, direct or through an indirect integer object; None when unknown."""
    matches = list(_PDF_LENGTH.finditer(dictionary))
    if not matches:
        return None
    number, generation = matches[-1].group(1), matches[-1].group(2)
    if generation is None:
        return int(number)
    return integers.get((int(number), int(generation)))


def _pdf_split(data: bytes) -> tuple[list[bytes], list[tuple[set[bytes], bytes]]]:
    """Split a PDF into the text outside stream bodies and (dictionary names, body) for each stream.

    A body is cut out only where its /Length leads exactly to "endstream", as a PDF reader would cut it;
    any other body stays in the outside text, so that nothing hides behind a false "stream" keyword.
    """
    integers = {
        (int(n), int(g)): int(v)
        for n, g, v in re.findall(rb"(?<!\d)(\d+)\s+(\d+)\s+obj\s*(\d+)\s*endobj", data)
    }
    outside: list[bytes] = []
    streams: list[tuple[set[bytes], bytes]] = []
    position = 0
    for match in _PDF_STREAM.finditer(data):
        if match.start() < position:
            continue
        look_from = max(position, match.start() - 4096)
        object_start = data.rfind(b"obj", look_from, match.start())
        dictionary = data[object_start if object_start >= 0 else look_from : match.start()]
        length = _pdf_stream_length(dictionary, integers)
        body_start = match.end()
        if length is None or body_start + length > len(data):
            continue
        after = data[body_start + length : body_start + length + 40].lstrip(b"\r\n \t")
        if not after.startswith(b"endstream"):
            continue
        outside.append(data[position:body_start])
        streams.append((_pdf_names(dictionary), data[body_start : body_start + length]))
        position = body_start + length
    outside.append(data[position:])
    return outside, streams


def inspect_pdf(name: str, data: bytes, *, max_expanded: int) -> None:
    """Refuse damaged, encrypted and active PDFs (scripts, launch actions, attachments, rich media, XFA).

    PDF names are read from the file outside its stream bodies and from its object streams (decompressed
    under the expansion budget), where modern PDFs keep their dictionaries; an object stream that cannot
    be read is treated as damage.
    """
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data:
        raise _damaged(name)
    outside, streams = _pdf_split(data)
    names: set[bytes] = set()
    for part in outside:
        names |= _pdf_names(part)
    if b"Encrypt" in names:
        raise _encrypted(name)
    budget = max_expanded
    for dictionary, body in streams:
        if b"ObjStm" not in dictionary:
            continue
        filters = dictionary & _PDF_FILTERS
        if not filters:
            names |= _pdf_names(body)
            continue
        if filters - {b"FlateDecode", b"Fl"}:
            raise _damaged(name)
        inflater = zlib.decompressobj()
        pending = body
        parts = []
        try:
            while pending:
                piece = inflater.decompress(pending, _CHUNK)
                budget -= len(piece)
                if budget < 0:
                    raise _bomb(name, max_expanded)
                parts.append(piece)
                pending = inflater.unconsumed_tail
                if inflater.eof:
                    break
        except zlib.error as exc:
            raise _damaged(name) from exc
        names |= _pdf_names(b"".join(parts))
    if b"Encrypt" in names:
        raise _encrypted(name)
    for token, what in _PDF_ACTIVE_NAMES.items():
        if token in names:
            raise _active(name, what)


def inspect_image(
    name: str, data: bytes, kind: str, *, max_pixels: int = MAX_IMAGE_PIXELS
) -> tuple[int, int]:
    """Open the image under a pixel cap and verify it; return (width, height)."""
    from PIL import Image  # noqa: PLC0415 - Pillow is only needed for images

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if image.format not in _PILLOW_FORMATS[kind]:
                raise _damaged(name)
            if width * height > max_pixels:
                raise _image_too_large(name, width, height, max_pixels)
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            if kind == "jpg":
                image.draft(image.mode, (max(1, width // 8), max(1, height // 8)))
            image.load()
    except UploadRefused:
        raise
    except Image.DecompressionBombError as exc:
        raise _image_too_large(name, 0, 0, max_pixels) from exc
    except Exception as exc:  # Pillow raises many kinds of error on a hostile file; all mean "damaged"
        raise _damaged(name) from exc
    return width, height


def _image_too_large(name: str, width: int, height: int, max_pixels: int) -> UploadRefused:
    limit = format_number(Decimal(max_pixels) / 1_000_000)
    if width and height:
        return _refuse(
            "image_too_large",
            name,
            _(
                "“%(name)s” is %(width)s × %(height)s pixels, more than the %(limit)s megapixels accepted; "
                "make it smaller and send it again."
            ),
            width=format_number(width),
            height=format_number(height),
            limit=limit,
        )
    return _refuse(
        "image_too_large",
        name,
        _("“%(name)s” has more than the %(limit)s megapixels accepted; make it smaller and send it again."),
        limit=limit,
    )


# --- virus scanning ----------------------------------------------------------------------------------------


def eicar_scanner(name: str, data: bytes) -> str | None:
    """The default scanner: find the EICAR test file in the first 4 KB of the file or of a ZIP's parts.

    It finds nothing else. A province plugs a real scanner (ClamAV) with THIDUA_UPLOAD_SCANNER; see
    docs/howto/uploads.md.
    """
    if EICAR in data[:SCAN_HEAD]:
        return "EICAR-Test-File"
    if data.startswith(_ZIP):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for info in archive.infolist()[:MAX_ENTRIES]:
                    if info.is_dir() or info.flag_bits & 0x1:
                        continue
                    with archive.open(info) as part:
                        if EICAR in part.read(SCAN_HEAD):
                            return "EICAR-Test-File"
        except _ZIP_READ_ERRORS:
            return None  # a damaged archive is refused by the archive checks, not here
    return None


def get_scanner() -> Scanner:
    """The virus scanner named by THIDUA_UPLOAD_SCANNER (a dotted path)."""
    path = getattr(settings, "THIDUA_UPLOAD_SCANNER", "") or DEFAULT_SCANNER
    scanner: Scanner = import_string(path)
    return scanner


def _scan(name: str, data: bytes, scanner: Scanner) -> None:
    try:
        threat = scanner(name, data)
    except Exception as exc:  # a scanner that cannot answer must not let the file through
        raise _refuse(
            "virus", name, _("“%(name)s” could not be checked for viruses just now; try again later.")
        ) from exc
    if threat:
        raise _refuse(
            "virus", name, _("“%(name)s” contains a virus (%(threat)s) and was refused."), threat=threat
        )


# --- entry points ------------------------------------------------------------------------------------------


def _limits(max_bytes: int | None, max_expanded: int | None) -> tuple[int, int]:
    if max_bytes is None:
        max_bytes = int(getattr(settings, "THIDUA_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))
    if max_expanded is None:
        max_expanded = int(getattr(settings, "THIDUA_UPLOAD_MAX_EXPANDED_BYTES", DEFAULT_MAX_EXPANDED_BYTES))
    return max_bytes, max_expanded


def inspect_bytes(
    name: str,
    data: bytes,
    *,
    allowed: Iterable[str],
    max_bytes: int | None = None,
    max_expanded_bytes: int | None = None,
    max_pixels: int = MAX_IMAGE_PIXELS,
    scanner: Scanner | None = None,
) -> Inspected:
    """Accept `data` as one of the `allowed` kinds or raise UploadRefused; nothing is stored either way.

    Limits default to THIDUA_UPLOAD_MAX_BYTES and THIDUA_UPLOAD_MAX_EXPANDED_BYTES, the scanner to
    THIDUA_UPLOAD_SCANNER.
    """
    allowed = tuple(dict.fromkeys(allowed))
    unknown = [k for k in allowed if k not in KINDS]
    if not allowed or unknown:
        raise ValueError(f"Allowed kinds must be some of {sorted(KINDS)}, not {allowed!r}.")
    max_bytes, max_expanded = _limits(max_bytes, max_expanded_bytes)

    safe_name = safe_filename(name)
    if not safe_name:
        raise UploadRefused("name", _("The file has no usable name; rename it and send it again."))
    if not data:
        raise _refuse("empty", safe_name, _("“%(name)s” is empty."))
    if len(data) > max_bytes:
        raise _refuse(
            "too_big", safe_name, _("“%(name)s” is larger than %(limit)s."), limit=size_text(max_bytes)
        )
    extension = _extension_of(safe_name)
    if is_program(data[:64]) or (extension in _INSTALLER_EXTENSIONS and data.startswith(_OLE)):
        raise _program(safe_name)
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data[: 4 * MIB]:
            raise _encrypted(safe_name)
        raise _refuse(
            "type",
            safe_name,
            _(
                "“%(name)s” is an old-format Office file (such as .doc or .xls); save it as PDF or in the "
                "current format (.docx, .xlsx) and send it again."
            ),
        )

    kind = _content_kind_hint(data)
    zip_contents = None
    if data.startswith(_ZIP):
        zip_contents = inspect_zip(safe_name, data, max_expanded=max_expanded)
    _scan(safe_name, data, scanner or get_scanner())
    if zip_contents is not None:
        kind = _office_kind(safe_name, zip_contents)

    accepted = _accepted_text(allowed)
    if kind is None or kind not in allowed:
        what = str(KINDS[kind].description) if kind else _other_description(data)
        if what is None:
            raise _refuse(
                "type",
                safe_name,
                _("“%(name)s” is not a kind of file accepted here. Accepted: %(accepted)s."),
                accepted=accepted,
            )
        raise _refuse(
            "type",
            safe_name,
            _("“%(name)s” is %(what)s, which is not accepted here. Accepted: %(accepted)s."),
            what=what,
            accepted=accepted,
        )
    spec = KINDS[kind]
    if extension not in spec.extensions:
        if not extension:
            raise _refuse(
                "extension",
                safe_name,
                _(
                    "“%(name)s” is %(what)s but its name has no extension; add %(expected)s and send it "
                    "again."
                ),
                what=str(spec.description),
                expected=spec.extensions[0],
            )
        raise _refuse(
            "extension",
            safe_name,
            _(
                "“%(name)s” is really %(what)s, but its name ends in %(extension)s; rename it to end in "
                "%(expected)s and send it again."
            ),
            what=str(spec.description),
            extension=extension,
            expected=spec.extensions[0],
        )

    if kind == "pdf":
        inspect_pdf(safe_name, data, max_expanded=max_expanded)
    elif kind in IMAGE_KINDS:
        inspect_image(safe_name, data, kind, max_pixels=max_pixels)
    return Inspected(
        kind=kind,
        content_type=spec.content_type,
        extension=extension,
        safe_name=safe_name,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )


def read_limited(uploaded: UploadedFile, *, max_bytes: int) -> bytes | None:
    """Read an uploaded file in chunks; None as soon as it proves larger than `max_bytes`."""
    if uploaded.size is not None and uploaded.size > max_bytes:
        return None
    parts: list[bytes] = []
    size = 0
    for chunk in uploaded.chunks(chunk_size=_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            return None
        parts.append(chunk)
    return b"".join(parts)


def inspect_upload(
    uploaded: UploadedFile,
    *,
    allowed: Iterable[str],
    max_bytes: int | None = None,
    max_expanded_bytes: int | None = None,
    max_pixels: int = MAX_IMAGE_PIXELS,
    scanner: Scanner | None = None,
) -> tuple[Inspected, bytes]:
    """Read and inspect a Django upload; return what it is and the bytes to store (never the partial file)."""
    max_bytes, max_expanded = _limits(max_bytes, max_expanded_bytes)
    name = uploaded.name or ""
    data = read_limited(uploaded, max_bytes=max_bytes)
    if data is None:
        safe_name = safe_filename(name) or "?"
        raise _refuse(
            "too_big", safe_name, _("“%(name)s” is larger than %(limit)s."), limit=size_text(max_bytes)
        )
    inspected = inspect_bytes(
        name,
        data,
        allowed=allowed,
        max_bytes=max_bytes,
        max_expanded_bytes=max_expanded,
        max_pixels=max_pixels,
        scanner=scanner,
    )
    return inspected, data


# --- publishing photos -------------------------------------------------------------------------------------


def strip_image_metadata(data: bytes, kind: str) -> bytes:
    """Re-encode a JPEG, PNG or WebP without EXIF, GPS, XMP, comments or text chunks.

    The EXIF orientation is applied first, so the photo stands the right way up without it. The colour
    profile (ICC) is kept: it says how to show the colours, not who or where. Call it only on bytes that
    `inspect_bytes` accepted.
    """
    from PIL import Image, ImageOps  # noqa: PLC0415 - Pillow is only needed for images

    if kind not in IMAGE_KINDS:
        raise ValueError(f"Not an image kind: {kind!r}.")
    with Image.open(io.BytesIO(data)) as opened:
        icc_profile = opened.info.get("icc_profile")
        transparency = opened.info.get("transparency")
        image = ImageOps.exif_transpose(opened)
        image.load()
    image.info = {}
    out = io.BytesIO()
    options: dict[str, Any] = {}
    if icc_profile:
        options["icc_profile"] = icc_profile
    if kind == "jpg":
        if image.mode not in {"RGB", "L", "CMYK"}:
            image = image.convert("RGB")
        image.save(out, format="JPEG", quality=90, optimize=True, **options)
    elif kind == "png":
        if transparency is not None and image.mode in {"P", "L", "RGB"}:
            options["transparency"] = transparency
        image.save(out, format="PNG", optimize=True, **options)
    else:
        image.save(out, format="WEBP", quality=90, **options)
    return out.getvalue()
