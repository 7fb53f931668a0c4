"""Access to documents: the issuer's people see and manage them; recipient units see what they received."""

from typing import Any

from django.db.models import Q, QuerySet

from thidua.accounts.models import REGISTRY_WRITERS, Role
from thidua.accounts.permissions import unit_scope_q, units_in_scope
from thidua.core.errors import NotFound
from thidua.documents.models import Document, DocumentStatus
from thidua.organization.models import Unit

# Roles that may draft, issue, remind and cancel documents of the units in their scope.
DOCUMENT_WRITERS = frozenset({*REGISTRY_WRITERS, Role.SIGNATORY})


def can_write_documents(user: Any, unit: Unit) -> bool:
    """Tell whether the user may manage documents issued by `unit`."""
    return units_in_scope(user, roles=DOCUMENT_WRITERS).filter(pk=unit.pk).exists()


def documents_visible_to(user: Any) -> QuerySet[Document]:
    """Return the documents the user may see: issued by a unit in scope, or delivered to one."""
    issued_here = unit_scope_q(user, prefix="issuer__")
    received = Q(status=DocumentStatus.ISSUED) & Q(
        pk__in=Document.objects.filter(unit_scope_q(user, prefix="deliveries__unit__")).values("pk")
    )
    return Document.objects.filter(issued_here | received)


def access_document(user: Any, document_id: Any, *, for_write: bool = False) -> Document:
    """Return the document if the user may see it (manage it, with `for_write`); else raise NotFound."""
    try:
        pk = int(document_id)
    except (TypeError, ValueError):
        raise NotFound("document") from None
    qs = Document.objects.select_related("issuer", "drafting_unit")
    if for_write:
        qs = qs.filter(unit_scope_q(user, prefix="issuer__", roles=DOCUMENT_WRITERS))
    else:
        qs = qs.filter(pk__in=documents_visible_to(user).values("pk"))
    document = qs.filter(pk=pk).first()
    if document is None:
        raise NotFound("document")
    return document
