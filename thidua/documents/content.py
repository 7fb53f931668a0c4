"""The structured content of an official document and the pure NĐ 30/2020 formatting rules.

No Django here: other apps build a `DocumentContent`, the documents services store it as JSON, and the
renderers turn it into PDF and DOCX. The rules come from shared/domain/documents.md §2–§7.
"""

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from thidua.core.formatting import official_date_line

BLOCK_KINDS = ("paragraph", "item", "heading", "quote", "center")

# Abbreviations of the administrative document types (NĐ 30/2020 Phụ lục III). Keys are the
# `DocumentKind` values; công văn has no abbreviation and its notation is issuer–drafting unit.
KIND_ABBREVIATIONS: Mapping[str, str] = {
    "CONG_VAN": "",
    "NQ": "NQ",
    "QD": "QĐ",
    "CT": "CT",
    "QC": "QC",
    "QYD": "QyĐ",
    "TB": "TB",
    "HD": "HD",
    "CTR": "CTr",
    "KH": "KH",
    "BC": "BC",
    "BB": "BB",
    "TTR": "TTr",
    "GM": "GM",
}

# The type name printed as the title of a named document (upper case, bold, centred).
KIND_TITLES: Mapping[str, str] = {
    "CONG_VAN": "",
    "NQ": "NGHỊ QUYẾT",
    "QD": "QUYẾT ĐỊNH",
    "CT": "CHỈ THỊ",
    "QC": "QUY CHẾ",
    "QYD": "QUY ĐỊNH",
    "TB": "THÔNG BÁO",
    "HD": "HƯỚNG DẪN",
    "CTR": "CHƯƠNG TRÌNH",
    "KH": "KẾ HOẠCH",
    "BC": "BÁO CÁO",
    "BB": "BIÊN BẢN",
    "TTR": "TỜ TRÌNH",
    "GM": "GIẤY MỜI",
}

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# Words that start the locality part of a body's name: "Ủy ban nhân dân | huyện Tân Uyên".
_DIVISION_WORDS = ("thành phố", "thị trấn", "thị xã", "tỉnh", "huyện", "quận", "xã", "phường", "đặc khu")
_COMMITTEE = "ỦY BAN NHÂN DÂN"


def nfc(value: str) -> str:
    """Return `value` in NFC with surrounding space removed."""
    return unicodedata.normalize("NFC", value).strip()


def upper_vi(value: str) -> str:
    """Upper-case Vietnamese text and keep it NFC ("ủy ban" → "ỦY BAN", "đ" → "Đ")."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", value).upper()).strip()


@dataclass(frozen=True)
class Block:
    """One block of the body: a paragraph, a numbered item, a heading or a quotation.

    Text may mark bold with **…** and italic with *…*; nothing else is interpreted.
    """

    kind: str
    text: str
    number: str = ""

    def __post_init__(self) -> None:
        if self.kind not in BLOCK_KINDS:
            raise ValueError(f"Unknown block kind {self.kind!r}.")
        object.__setattr__(self, "text", nfc(self.text))
        object.__setattr__(self, "number", nfc(self.number))

    def to_dict(self) -> dict[str, str]:
        """Return the block as JSON-ready data."""
        return {"kind": self.kind, "text": self.text, "number": self.number}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Block":
        """Build a block from `to_dict` data."""
        return cls(kind=str(data["kind"]), text=str(data.get("text", "")), number=str(data.get("number", "")))


@dataclass(frozen=True)
class DocumentContent:
    """What a document says, independent of how it is numbered, signed and laid out.

    `title` is the bold centred heading (empty: the type name for named types, nothing for a công văn),
    `subtitle` the bold line under it (a named type's trích yếu, or a launching letter's theme),
    `addressees` the "Kính gửi:" lines, `recipients` the "Nơi nhận:" lines without the final "Lưu" line,
    and `archive` what that line keeps, e.g. "VT, NV".
    """

    title: str = ""
    subtitle: str = ""
    addressees: tuple[str, ...] = ()
    body: tuple[Block, ...] = ()
    recipients: tuple[str, ...] = ()
    archive: str = "VT"

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", nfc(self.title))
        object.__setattr__(self, "subtitle", nfc(self.subtitle))
        object.__setattr__(self, "addressees", tuple(nfc(a) for a in self.addressees if nfc(a)))
        object.__setattr__(self, "recipients", tuple(nfc(r) for r in self.recipients if nfc(r)))
        object.__setattr__(self, "body", tuple(self.body))
        object.__setattr__(self, "archive", nfc(self.archive))

    def to_dict(self) -> dict[str, Any]:
        """Return the content as JSON-ready data."""
        return {
            "title": self.title,
            "subtitle": self.subtitle,
            "addressees": list(self.addressees),
            "body": [b.to_dict() for b in self.body],
            "recipients": list(self.recipients),
            "archive": self.archive,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "DocumentContent":
        """Build content from `to_dict` data."""
        return cls(
            title=str(data.get("title", "")),
            subtitle=str(data.get("subtitle", "")),
            addressees=tuple(str(a) for a in data.get("addressees", ())),
            body=tuple(Block.from_dict(b) for b in data.get("body", ())),
            recipients=tuple(str(r) for r in data.get("recipients", ())),
            archive=str(data.get("archive", "VT")),
        )


@dataclass(frozen=True)
class Run:
    """A stretch of text with one style."""

    text: str
    bold: bool = False
    italic: bool = False


_MARK = re.compile(r"(\*\*.+?\*\*|\*[^*]+?\*)", re.DOTALL)


def inline_runs(text: str) -> list[Run]:
    """Split text with **bold** and *italic* marks into styled runs."""
    runs: list[Run] = []
    for part in _MARK.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            runs.append(Run(part[2:-2], bold=True))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append(Run(part[1:-1], italic=True))
        else:
            runs.append(Run(part))
    return runs


def plain_text(text: str) -> str:
    """Return text with its **bold** and *italic* marks removed."""
    return "".join(r.text for r in inline_runs(text))


def format_document_number(number: int) -> str:
    """Write a register number: below 10 with a leading zero ("05"), otherwise as is ("2377")."""
    if number < 1:
        raise ValueError("Document numbers start at 1.")
    return f"{number:02d}"


def symbol(number: int | None, notation: str) -> str:
    """Return số + ký hiệu, "2377/UBND-NV"; a draft without a number gives "/UBND-NV"."""
    return f"{format_document_number(number) if number else ''}/{notation}"


def notation_for(kind: str, issuer_abbr: str, drafting_abbr: str = "") -> str:
    """Return the ký hiệu: "QĐ-UBND" for a named type, "UBND-NV" (issuer–drafting unit) for a công văn."""
    if kind not in KIND_ABBREVIATIONS:
        raise ValueError(f"Unknown document kind {kind!r}.")
    issuer_abbr = nfc(issuer_abbr)
    drafting_abbr = nfc(drafting_abbr)
    if not issuer_abbr:
        raise ValueError("The issuing body has no abbreviation.")
    if kind == "CONG_VAN":
        return f"{issuer_abbr}-{drafting_abbr}" if drafting_abbr else issuer_abbr
    return f"{KIND_ABBREVIATIONS[kind]}-{issuer_abbr}"


def parse_symbol(text: str) -> tuple[int, str]:
    """Split "2377/UBND-NV" into (2377, "UBND-NV"); raise ValueError when it is not a symbol."""
    match = re.fullmatch(r"\s*(?:Số:?\s*)?0*(\d+)\s*/\s*(\S+)\s*", nfc(text))
    if not match or int(match.group(1)) < 1:
        raise ValueError(f"{text!r} is not a document number such as 2377/UBND-NV.")
    return int(match.group(1)), match.group(2)


@dataclass(frozen=True)
class Letterhead:
    """The issuer block: the governing body lines (not bold) and the issuing body lines (bold)."""

    governing: tuple[str, ...] = ()
    issuer: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, list[str]]:
        """Return the letterhead as JSON-ready data."""
        return {"governing": list(self.governing), "issuer": list(self.issuer)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Letterhead":
        """Build a letterhead from `to_dict` data."""
        return cls(
            governing=tuple(upper_vi(x) for x in data.get("governing", ())),
            issuer=tuple(upper_vi(x) for x in data.get("issuer", ())),
        )


def split_locality(name: str) -> tuple[str, str]:
    """Split a body's name before its administrative unit: ("Ủy ban nhân dân", "huyện Tân Uyên")."""
    name = nfc(name)
    folded = name.casefold()
    best = -1
    for word in _DIVISION_WORDS:
        for match in re.finditer(rf"(?<=\s){re.escape(word)}(?=\s)", folded):
            if best < 0 or match.start() < best:
                best = match.start()
            break
    if best <= 0:
        return name, ""
    return name[:best].strip(), name[best:].strip()


def letterhead_for(name: str, *, governing_name: str = "") -> Letterhead:
    """Return the header lines for an issuing body (documents.md §4.3).

    A People's Committee or Council stands alone: "Ủy ban nhân dân huyện Tân Uyên" gives
    "ỦY BAN NHÂN DÂN" / "HUYỆN TÂN UYÊN". A body under one (a phòng, a sở) passes its `governing_name`:
    "UBND HUYỆN TÂN UYÊN" above "PHÒNG NỘI VỤ" (the locality is dropped when the governing line has it).
    """
    body, locality = split_locality(name)
    if not governing_name:
        lines = (upper_vi(body), upper_vi(locality)) if locality else (upper_vi(name),)
        return Letterhead(governing=(), issuer=lines)
    gov = upper_vi(governing_name)
    if gov.startswith(_COMMITTEE + " "):
        gov = "UBND " + gov[len(_COMMITTEE) + 1 :]
    _gov_body, gov_locality = split_locality(governing_name)
    if locality and gov_locality and locality.casefold() == gov_locality.casefold():
        issuer = (upper_vi(body),)
    else:
        issuer = (upper_vi(name),)
    return Letterhead(governing=(gov,), issuer=issuer)


# Signing capacities (documents.md §7.1) and the prefix each writes before the first line.
CAPACITY_PREFIXES: Mapping[str, str] = {"TM": "TM.", "KT": "KT.", "TL": "TL.", "TUQ": "TUQ.", "Q": "Q."}


def signature_lines(capacity: str, on_behalf_of: str, title: str) -> list[str]:
    """Return the upper-case lines above the signature: ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"].

    NONE gives the title alone; Q. prefixes the title itself ("Q. GIÁM ĐỐC"); TM., KT., TL. and TUQ.
    write "<prefix> <on_behalf_of>" above the title ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH").
    """
    title = upper_vi(title)
    if capacity in ("", "NONE"):
        return [title] if title else []
    if capacity not in CAPACITY_PREFIXES:
        raise ValueError(f"Unknown signing capacity {capacity!r}.")
    prefix = CAPACITY_PREFIXES[capacity]
    if capacity == "Q":
        return [f"{prefix} {title}"]
    lines = [f"{prefix} {upper_vi(on_behalf_of)}"] if on_behalf_of else []
    return [*lines, title] if title else lines


def recipient_lines(content: DocumentContent, *, has_addressees: bool) -> list[str]:
    """Return the "Nơi nhận:" list: "- …;" lines, "Như trên" first after "Kính gửi", "Lưu" last."""
    items = list(content.recipients)
    if has_addressees and not any(plain_text(i).casefold().startswith("như trên") for i in items):
        items.insert(0, "Như trên")
    out = []
    for item in items:
        text = item[2:].strip() if item.startswith("- ") else item
        # Keep a trailing note such as "(B/c)" after the semicolon as written in the seed.
        out.append(f"- {text}" if text.endswith((";", ")")) else f"- {text};")
    archive = content.archive.rstrip(".").strip() or "VT"
    out.append(f"- Lưu: {archive}.")
    return out


def addressee_lines(addressees: Sequence[str]) -> list[str]:
    """Return the "Kính gửi:" lines: one addressee on the line itself, several as "- …;" ending "."."""
    names = [a.strip().rstrip(";.") for a in addressees if a.strip()]
    if len(names) <= 1:
        return [f"{n}." for n in names]
    return [f"- {n};" for n in names[:-1]] + [f"- {names[-1]}."]


def date_line(place: str, on: date | None) -> str:
    """Return the place and date line, or "Tân Uyên, ngày … tháng … năm …" before issue."""
    if on is None:
        return f"{nfc(place)}, ngày … tháng … năm …"
    return official_date_line(on, nfc(place))
