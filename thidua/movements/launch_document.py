"""Compose a movement's launching document (văn bản phát động) as structured content."""

from thidua.documents.content import Block, DocumentContent
from thidua.movements.models import Movement


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def signer_name(movement: Movement) -> str:
    """Return the name printed under the signature."""
    return movement.signer.full_name if movement.signer else ""


def archive_of(movement: Movement) -> str:
    """Return what the "Lưu:" line keeps, e.g. "VT, NV"."""
    return movement.archive.strip().removeprefix("Lưu:").strip().rstrip(".").strip() or "VT"


def theme_paragraph(movement: Movement) -> str:
    """Return the paragraph that announces the theme and leads into the content items."""
    lead = movement.theme_lead.strip() or "Phát động phong trào thi đua"
    return f'{lead} với chủ đề: "{movement.theme.strip()}". Trong đó, tập trung vào các nội dung chủ yếu sau:'


def launch_content(movement: Movement) -> DocumentContent:
    """Build the launching document: headline, assessment, theme, numbered items, closing, recipients."""
    body: list[Block] = [Block(kind="paragraph", text=p) for p in _paragraphs(movement.opening_assessment)]
    body.append(Block(kind="paragraph", text=theme_paragraph(movement)))
    for item in movement.items.all():
        first, *rest = _paragraphs(item.text) or [""]
        body.append(Block(kind="item", text=first, number=f"{item.number}."))
        body.extend(Block(kind="paragraph", text=p) for p in rest)
    body.extend(Block(kind="paragraph", text=p) for p in _paragraphs(movement.goals))
    body.extend(Block(kind="paragraph", text=p) for p in _paragraphs(movement.closing))
    return DocumentContent(
        title="PHÁT ĐỘNG THI ĐUA",
        subtitle=movement.headline.strip(),
        addressees=(),
        body=tuple(body),
        recipients=tuple(f"- {r.text}" for r in movement.recipients.all()),
        archive=archive_of(movement),
    )
