"""Reviews (sơ kết, tổng kết): a report drafted from the movement's figures, edited, then issued."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record
from thidua.core.errors import DomainError, ValidationFailed
from thidua.core.formatting import format_number
from thidua.core.text import clean_text
from thidua.documents import services as documents
from thidua.documents.content import Block, DocumentContent
from thidua.movements.launch_document import archive_of, signer_name
from thidua.movements.models import Movement, MovementStatus, Review, ReviewKind
from thidua.movements.registrations import registration_table
from thidua.movements.selectors import registration_progress
from thidua.regulations.catalogue import award
from thidua.scoring.models import Cluster
from thidua.scoring.selectors import top_ranked_units


def _count(n: int) -> str:
    # Administrative style writes counts below ten with two digits ("09/09 xã").
    return f"{n:02d}" if 0 <= n < 10 else format_number(n)


def cluster_paragraphs(movement: Movement) -> list[str]:
    """Write the published cluster rankings of the launching unit's clusters for the movement's year."""
    paragraphs = []
    clusters = Cluster.objects.filter(owner__path__startswith=movement.launcher.path, is_active=True)
    for cluster in clusters.order_by("name"):
        leaders = top_ranked_units(cluster=cluster, year=movement.year, n=3)
        if not leaders:
            continue
        ranked = "; ".join(f"hạng {r}: {u.name} ({format_number(total)} điểm)" for u, total, r in leaders)
        paragraphs.append(f"Kết quả chấm điểm, xếp hạng {cluster.name} năm {movement.year}: {ranked}.")
    return paragraphs


def figures_paragraphs(movement: Movement) -> list[str]:
    """Write the movement's figures as report paragraphs: registrations, targets and cluster results."""
    from thidua.targets.selectors import opening_assessment_sentences  # noqa: PLC0415

    paragraphs: list[str] = []
    progress = registration_progress(movement)
    if progress.total:
        codes, _rows, totals = registration_table(movement)
        titles = "; ".join(f"{format_number(totals[c])} {award(c).name}" for c in codes if totals.get(c))
        text = (
            f"Có {_count(progress.accepted + progress.sent)}/{_count(progress.total)} cơ quan, đơn vị "
            "đăng ký "
            f"thi đua, trong đó {_count(progress.accepted)} đơn vị đã được chấp nhận."
        )
        if titles:
            text += f" Tổng hợp đăng ký danh hiệu: {titles}."
        paragraphs.append(text)
    sentences = opening_assessment_sentences(movement.launcher, movement.year)
    if sentences:
        paragraphs.append(f"Kết quả thực hiện các chỉ tiêu năm {movement.year}: " + " ".join(sentences))
    paragraphs.extend(cluster_paragraphs(movement))
    return paragraphs


def _default_summary(movement: Movement, kind: str) -> str:
    word = "sơ kết" if kind == ReviewKind.INTERIM else "tổng kết"
    intro = (
        f"Thực hiện phong trào thi đua “{movement.title}”, {movement.launcher.name} báo cáo {word} "
        "kết quả như sau:"
    )
    parts = [intro, *figures_paragraphs(movement)]
    parts.append("Trên đây là báo cáo " + word + " phong trào thi đua./.")
    return "\n".join(parts)


@transaction.atomic
def review_create(*, actor: Any, movement: Movement, kind: str, held_on: date) -> Review:
    """Prepare a review with its report text drafted from the movement's figures."""
    if movement.status not in {MovementStatus.LAUNCHED, MovementStatus.IN_PROGRESS, MovementStatus.REVIEWED}:
        raise DomainError(_("A movement is reviewed after it is launched and before it is closed."))
    if kind not in ReviewKind.values:
        raise ValidationFailed(_("Choose interim or final review."))
    if held_on < movement.starts_on:
        raise ValidationFailed(_("The review cannot come before the movement starts."))
    review = Review.objects.create(
        movement=movement, kind=kind, held_on=held_on, summary=_default_summary(movement, kind)
    )
    audit_record(
        actor=actor, action="review.create", obj=review, after={"kind": kind, "held_on": held_on.isoformat()}
    )
    return review


@transaction.atomic
def review_update(*, actor: Any, review: Review, summary: str) -> Review:
    """Edit the report text before it is issued."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.report_document_id:
        raise DomainError(_("The report is issued; it can no longer change."))
    before = review.summary
    review.summary = "\n".join(clean_text(x) for x in summary.splitlines()).strip()
    review.save(update_fields=["summary", "updated_at"])
    audit_record(
        actor=actor,
        action="review.update",
        obj=review,
        before={"summary": before},
        after={"summary": review.summary},
    )
    return review


def report_content(review: Review) -> DocumentContent:
    """Build the review report as document content."""
    movement = review.movement
    word = "SƠ KẾT" if review.kind == ReviewKind.INTERIM else "TỔNG KẾT"
    paragraphs = [p.strip() for p in review.summary.split("\n") if p.strip()]
    return DocumentContent(
        title="BÁO CÁO",
        subtitle=f"{word.capitalize()} phong trào thi đua {movement.title}",
        addressees=(),
        body=tuple(Block(kind="paragraph", text=p) for p in paragraphs),
        recipients=tuple(f"- {r.text}" for r in movement.recipients.all()),
        archive=archive_of(movement),
    )


@transaction.atomic
def review_issue_report(*, actor: Any, review: Review, issued_on: date) -> Review:
    """Issue the review report as a numbered document (BC) of the launching unit."""

    review = Review.objects.select_for_update().select_related("movement__launcher").get(pk=review.pk)
    if review.report_document_id:
        raise DomainError(_("The report is already issued."))
    movement = review.movement
    draft = documents.document_create_draft(
        actor=actor,
        issuer=movement.launcher,
        kind="BC",
        subject=report_content(review).subtitle,
        content=report_content(review),
        place_name=movement.place_name,
        signer_name=signer_name(movement),
        signer_title=movement.signer_title,
        signing_capacity=movement.signing_capacity,
        on_behalf_of=movement.on_behalf_of,
        recipient_units=[],
        drafting_unit=movement.drafting_unit,
        source=f"movements.review:{review.pk}",
    )
    review.report_document = documents.document_issue(actor=actor, document=draft, issued_on=issued_on)
    review.save(update_fields=["report_document", "updated_at"])
    audit_record(
        actor=actor, action="review.issue", obj=review, after={"document": review.report_document.pk}
    )
    return review
