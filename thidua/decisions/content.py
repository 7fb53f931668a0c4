"""The text of an award decision (NĐ 30/2020 Mẫu 1.2) as structured document content; pure functions.

Vietnamese legal text is written here as literals, not through gettext: it is the document itself.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from thidua.core.formatting import format_number
from thidua.documents.content import Block, DocumentContent, split_locality, upper_vi
from thidua.regulations import AwardKind, award
from thidua.regulations.words import amount_in_words

NEW_LOCAL_GOVERNMENT_LAW = date(2025, 7, 1)
ND152_FROM = date(2025, 7, 1)
SUBJECT_WORDS = {
    "INDIVIDUAL": "cá nhân",
    "COLLECTIVE": "tập thể",
    "HOUSEHOLD": "hộ gia đình",
    "VILLAGE": "thôn, tổ dân phố",
    "COMMUNE": "xã, phường, đặc khu",
}


def default_legal_bases(on: date) -> list[str]:
    """Return the usual "Căn cứ …" lines for a decision signed on `on` (officers edit them)."""
    if on >= NEW_LOCAL_GOVERNMENT_LAW:
        local = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"
    else:
        local = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"
    if on >= ND152_FROM:
        decree = (
            "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết "
            "một số điều của Luật Thi đua, khen thưởng"
        )
    else:
        decree = (
            "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết "
            "thi hành một số điều của Luật Thi đua, khen thưởng"
        )
    return [local, "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022", decree]


def authority_title_for(authority_name: str) -> str:
    """Return the authority line under the trích yếu: "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN UYÊN"."""
    body, _locality = split_locality(authority_name)
    if body.casefold().startswith("ủy ban nhân dân"):
        return upper_vi(f"Chủ tịch {authority_name}")
    return upper_vi(authority_name)


def default_proposer(authority_name: str) -> str:
    """Return the default "Theo đề nghị của …" text: the authority's emulation council."""
    _body, locality = split_locality(authority_name)
    return f"Hội đồng Thi đua - Khen thưởng {locality}".strip()


def default_executors(authority_name: str) -> str:
    """Return the default list of who carries out the decision (Điều 3)."""
    return (
        "Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị có liên quan và các cá nhân, tập thể có tên "
        "tại Điều 1"
    )


def pad2(n: int) -> str:
    """Write a count the way decisions do: 02, 12, 105."""
    return f"{n:02d}"


@dataclass(frozen=True)
class AwardGroup:
    """How many subjects of each kind receive one award on the decision."""

    award_code: str
    year: int
    counts: tuple[tuple[str, int], ...]  # (subject kind, count), in SUBJECT_WORDS order

    def phrase(self, on: date) -> str:
        """Return "Tặng danh hiệu “Lao động tiên tiến” năm 2026 cho 12 cá nhân"."""
        entry = award(self.award_code)
        name = entry.name_on(on)
        whom = " và ".join(f"{pad2(n)} {SUBJECT_WORDS[kind]}" for kind, n in self.counts)
        if entry.kind is AwardKind.TITLE:
            return f"Tặng danh hiệu “{name}” năm {self.year} cho {whom}"
        return f"Tặng {name} cho {whom} đã có thành tích xuất sắc năm {self.year}"


def award_groups(lines: Sequence[tuple[str, int, str]]) -> list[AwardGroup]:
    """Group (award code, year, subject kind) triples into award groups, in order of first appearance."""
    order: list[tuple[str, int]] = []
    counts: dict[tuple[str, int], dict[str, int]] = {}
    for code, year, kind in lines:
        key = (code, year)
        if key not in counts:
            order.append(key)
            counts[key] = {}
        counts[key][kind] = counts[key].get(kind, 0) + 1
    kinds = list(SUBJECT_WORDS)
    return [
        AwardGroup(
            award_code=code,
            year=year,
            counts=tuple((k, counts[(code, year)][k]) for k in kinds if k in counts[(code, year)]),
        )
        for code, year in order
    ]


@dataclass(frozen=True)
class DecisionText:
    """What the decision says, gathered from the decision row and its lines."""

    authority_title: str
    legal_bases: tuple[str, ...]
    proposed_by: str
    groups: tuple[AwardGroup, ...]
    total_vnd: int
    base_salary: int
    fund: str
    executors: str
    recipients: tuple[str, ...]
    archive: str
    on: date


def _ending(lines: Sequence[str]) -> list[str]:
    """End each legal-basis line with ";" and leave the caller to add the last "."."""
    return [line.rstrip(" ;.") + ";" for line in lines if line.strip()]


def decision_content(text: DecisionText) -> DocumentContent:
    """Build the decision: authority line, legal bases, proposer, Điều 1–3, recipients."""
    body: list[Block] = [Block("center", text.authority_title)]
    bases = _ending(text.legal_bases)
    if text.proposed_by:
        proposer = text.proposed_by.strip().rstrip(".")
        if not proposer.casefold().startswith("theo đề nghị"):
            proposer = f"Theo đề nghị của {proposer}"
        bases.append(proposer + ".")
    elif bases:
        bases[-1] = bases[-1].rstrip(";") + "."
    body.extend(Block("quote", line) for line in bases)
    body.append(Block("center", "QUYẾT ĐỊNH:"))
    if len(text.groups) == 1:
        body.append(
            Block("paragraph", f"**Điều 1.** {text.groups[0].phrase(text.on)} (có danh sách kèm theo).")
        )
    else:
        body.append(
            Block(
                "paragraph",
                "**Điều 1.** Khen thưởng các cá nhân, tập thể có tên trong danh sách kèm theo, gồm:",
            )
        )
        for i, group in enumerate(text.groups, start=1):
            end = "." if i == len(text.groups) else ";"
            body.append(Block("item", f"{group.phrase(text.on)}{end}", number=f"{i}."))
    money = (
        f"**Điều 2.** Tiền thưởng kèm theo các danh hiệu, hình thức khen thưởng tại Điều 1 được tính theo "
        f"mức lương cơ sở {format_number(text.base_salary)} đồng. Tổng số tiền thưởng: "
        f"{format_number(text.total_vnd)} đồng (bằng chữ: {amount_in_words(text.total_vnd)})"
    )
    if text.fund:
        money += f", được chi từ {text.fund.strip().rstrip('.')}"
    body.append(Block("paragraph", money + "."))
    executors = text.executors.strip().rstrip(".") or "Các cơ quan, đơn vị, cá nhân có liên quan"
    body.append(
        Block(
            "paragraph",
            f"**Điều 3.** Quyết định này có hiệu lực kể từ ngày ký. {executors} chịu trách nhiệm thi hành "
            "Quyết định này./.",
        )
    )
    recipients = tuple(text.recipients) or ("Như Điều 3;",)
    return DocumentContent(
        title="QUYẾT ĐỊNH",
        subtitle="",
        body=tuple(body),
        recipients=recipients,
        archive=text.archive,
    )
