"""The model launching letter 2377/UBND-NV (shared/seed) as structured content, for demos and benchmarks."""

import re
from pathlib import Path

from thidua.documents.content import Block, DocumentContent

SEED_FILE = Path(__file__).resolve().parent / "data" / "launching_2377.txt"

SEED_RECIPIENTS = (
    "Ban TĐKT tỉnh;",
    "TT. Huyện ủy; (B/c)",
    "TT. HĐND huyện;",
    "Chủ tịch, các PCT UBND huyện;",
    "Cổng Thông tin điện tử huyện (đăng tải);",
    "Các cơ quan, đơn vị trong huyện;",
    "Các doanh nghiệp, hợp tác xã trong huyện;",
    "UBND các xã, thị trấn;",
)
SEED_SUBJECT = "Phát động thi đua năm 2021"


def launching_letter_2377() -> DocumentContent:
    """Return the content of the seed letter: title, theme, three paragraphs, eight items, closing."""
    text = SEED_FILE.read_text(encoding="utf-8")
    paragraphs = [
        p.strip()
        for p in re.split(r"\n\s*\n", "\n".join(ln for ln in text.splitlines() if not ln.startswith("#")))
        if p.strip()
    ]
    subtitle, *rest = paragraphs
    body = []
    for paragraph in rest:
        match = re.match(r"(\d+)\.\s+(.*)", paragraph, re.DOTALL)
        if match:
            body.append(Block(kind="item", number=f"{match.group(1)}.", text=match.group(2)))
        else:
            body.append(Block(kind="paragraph", text=paragraph))
    return DocumentContent(
        title="PHÁT ĐỘNG THI ĐUA",
        subtitle=subtitle,
        body=tuple(body),
        recipients=SEED_RECIPIENTS,
        archive="VT, NV",
    )
