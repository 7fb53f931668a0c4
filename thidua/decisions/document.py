"""Compose the decision document's content and fields from a decision and its priced lines."""

from typing import Any

from thidua.decisions import content
from thidua.decisions.models import Decision


def decision_text(decision: Decision) -> content.DecisionText:
    """Gather what the decision document says from the decision and its priced lines."""
    lines = list(decision.lines.all())
    salaries = {line.base_salary for line in lines if line.base_salary}
    return content.DecisionText(
        authority_title=decision.authority_title,
        legal_bases=tuple(decision.legal_basis_lines),
        proposed_by=decision.proposed_by,
        groups=tuple(content.award_groups([(x.award_code, x.year, x.subject_kind) for x in lines])),
        total_vnd=sum(line.amount_vnd for line in lines),
        base_salary=max(salaries) if salaries else 0,
        fund=decision.fund,
        executors=decision.executors,
        recipients=tuple(decision.recipient_lines),
        archive=f"VT, {decision.drafting_unit.abbreviation}"
        if decision.drafting_unit and decision.drafting_unit.abbreviation
        else "VT",
        on=decision.decided_on,
    )


def subject_line(decision: Decision) -> str:
    title = decision.title.strip()
    return title if title.casefold().startswith("về việc") else f"Về việc {title[0].lower()}{title[1:]}"


def document_fields(decision: Decision) -> dict[str, Any]:
    return {
        "kind": "QD",
        "subject": subject_line(decision),
        "content": content.decision_content(decision_text(decision)),
        "place_name": decision.authority_unit.place_name or decision.authority_unit.name,
        "signer_name": decision.signer_name,
        "signer_title": decision.signer_title,
        "signing_capacity": decision.signing_capacity,
        "on_behalf_of": decision.on_behalf_of,
        "drafting_unit": decision.drafting_unit,
        "source": f"decisions.decision:{decision.pk}",
    }


def decision_preview_sheet(decision: Decision) -> Any:
    """Lay out a draft decision as it will read, with a blank number and date."""
    from thidua.documents.rendering import build_sheet  # noqa: PLC0415
    from thidua.documents.services import default_letterhead  # noqa: PLC0415

    fields = document_fields(decision)
    return build_sheet(
        kind="QD",
        letterhead=default_letterhead(decision.authority_unit),
        notation=f"QĐ-{decision.authority_unit.abbreviation or '…'}",
        number=None,
        place_name=fields["place_name"],
        issued_on=None,
        subject=fields["subject"],
        content=fields["content"],
        signing_capacity=decision.signing_capacity,
        on_behalf_of=decision.on_behalf_of,
        signer_title=decision.signer_title,
        signer_name=decision.signer_name,
        author=decision.authority_unit.name,
    )
