"""Reads of documents: deliveries, inboxes, the register of issued documents, lookup by number."""

from typing import Any

from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from thidua.accounts.permissions import unit_scope_q
from thidua.core.errors import NotFound, ValidationFailed
from thidua.documents.content import parse_symbol
from thidua.documents.models import Delivery, Document, DocumentStatus
from thidua.organization.models import Unit


def deliveries_for(document: Document) -> QuerySet[Delivery]:
    """Return the document's deliveries with their units, in Vietnamese order of unit name."""
    return (
        Delivery.objects.filter(document=document)
        .select_related("unit", "first_opened_by")
        .order_by("unit__sort_key", "pk")
    )


def inbox_for(user: Any) -> QuerySet[Delivery]:
    """Return documents delivered to the units in the user's scope: unopened first, newest first."""
    return (
        Delivery.objects.filter(unit_scope_q(user, prefix="unit__"), document__status=DocumentStatus.ISSUED)
        .select_related("document", "document__issuer", "unit")
        .order_by(F("first_opened_at").asc(nulls_first=True), "-delivered_at", "-pk")
    )


def unopened_deliveries_for(*, user: Any, document: Document) -> QuerySet[Delivery]:
    """Return the document's unopened deliveries to units the user belongs to (not merely oversees)."""
    units = Unit.objects.filter(user_memberships__user=user, user_memberships__is_active=True)
    if not getattr(user, "is_authenticated", False):
        return Delivery.objects.none()
    return Delivery.objects.filter(document=document, unit__in=units, first_opened_at__isnull=True)


def register_list(*, issuer: Unit, year: int) -> QuerySet[Document]:
    """Return the issuer's numbered documents of `year` in number order (the register of issued documents)."""
    return Document.objects.filter(issuer=issuer, year=year, number__isnull=False).order_by("number")


def register_years(*, issuer: Unit) -> list[int]:
    """Return the years in which the issuer has numbered documents, newest first."""
    years = Document.objects.filter(issuer=issuer, number__isnull=False).values_list("year", flat=True)
    return sorted({y for y in years if y}, reverse=True)


def document_by_symbol(*, text: str, year: int, issuer: Unit | None = None) -> Document:
    """Return the numbered document "2377/UBND-NV" of `year`.

    Raise NotFound when there is none and ValidationFailed when several bodies used that number.
    """
    try:
        number, notation = parse_symbol(text)
    except ValueError as exc:
        raise ValidationFailed(str(exc)) from None
    qs = Document.objects.filter(year=year, number=number, notation=notation).select_related("issuer")
    if issuer is not None:
        qs = qs.filter(issuer=issuer)
    found = list(qs[:3])
    if not found:
        raise NotFound(_("No document %(symbol)s in %(year)s.") % {"symbol": text, "year": year})
    if len(found) > 1:
        issuers = ", ".join(f"{d.issuer.code} ({d.issuer.name})" for d in found)
        raise ValidationFailed(
            _("Several bodies issued %(symbol)s in %(year)s: %(issuers)s.")
            % {"symbol": text, "year": year, "issuers": issuers}
        )
    return found[0]
