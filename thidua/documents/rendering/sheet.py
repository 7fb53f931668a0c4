"""Resolve a document (or a preview) into the exact lines a page shows; both renderers read a Sheet."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from thidua.documents.content import (
    KIND_TITLES,
    Block,
    DocumentContent,
    Letterhead,
    addressee_lines,
    date_line,
    format_document_number,
    plain_text,
    recipient_lines,
    signature_lines,
)


@dataclass(frozen=True)
class Sheet:
    """Everything printed on an official document, already formatted (documents.md §3–§7)."""

    letterhead: Letterhead
    notation: str
    number_text: str  # "2377", "05"; empty on a draft
    date_line: str
    title: str
    subtitle: str
    subject_line: str  # "V/v …" under the number of a công văn without a title
    addressees: tuple[str, ...]
    body: tuple[Block, ...]
    recipients: tuple[str, ...]
    signature_lines: tuple[str, ...]
    signer_name: str
    author: str = ""
    subject: str = ""
    is_preview: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def number_line(self) -> str:
        """Return "Số: 2377/UBND-NV" ("Số: /UBND-NV" on a draft)."""
        return f"Số: {self.number_text}/{self.notation}"

    @property
    def pdf_title(self) -> str:
        """Return the PDF's title: the number and the subject."""
        return f"{self.number_text}/{self.notation} {plain_text(self.subject)}".strip()


def build_sheet(
    *,
    kind: str,
    letterhead: Letterhead,
    notation: str,
    number: int | None,
    place_name: str,
    issued_on: date | None,
    subject: str,
    content: DocumentContent,
    signing_capacity: str,
    on_behalf_of: str,
    signer_title: str,
    signer_name: str,
    author: str = "",
) -> Sheet:
    """Lay out one document from its parts; a missing number or date gives a draft preview."""
    is_cong_van = kind == "CONG_VAN"
    title = content.title or KIND_TITLES.get(kind, "")
    if is_cong_van:
        subtitle = content.subtitle
        subject_line = "" if content.title else f"V/v {subject}"
    else:
        subtitle = content.subtitle or subject
        subject_line = ""
    return Sheet(
        letterhead=letterhead,
        notation=notation,
        number_text=format_document_number(number) if number else "",
        date_line=date_line(place_name, issued_on),
        title=title,
        subtitle=subtitle,
        subject_line=subject_line,
        addressees=tuple(addressee_lines(content.addressees)),
        body=content.body,
        recipients=tuple(recipient_lines(content, has_addressees=bool(content.addressees))),
        signature_lines=tuple(signature_lines(signing_capacity, on_behalf_of, signer_title)),
        signer_name=signer_name,
        author=author,
        subject=subject,
        is_preview=number is None,
    )


def sheet_for(document: Any) -> Sheet:
    """Lay out a stored `Document` (a draft renders as a preview with a blank number and date)."""
    if isinstance(document, Sheet):
        return document
    return build_sheet(
        kind=document.kind,
        letterhead=document.header,
        notation=document.notation,
        number=document.number,
        place_name=document.place_name,
        issued_on=document.issued_on,
        subject=document.subject,
        content=document.body,
        signing_capacity=document.signing_capacity,
        on_behalf_of=document.on_behalf_of,
        signer_title=document.signer_title,
        signer_name=document.signer_name,
        author=document.issuer.name,
    )
