"""Extension points through which an upper layer offers data to a sibling it may not import.

The public portal and the REST API are siblings (neither imports the other). The portal registers a
`DossierSource` here when Django starts; the API reads online dossiers' status through it.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol


@dataclass(frozen=True)
class DossierStatus:
    """What may be told of an online dossier: no names, no files."""

    code: str
    procedure_code: str
    procedure: str
    authority: str
    status: int
    status_label: str
    submitted_at: datetime | None
    received_on: date | None
    due_on: date | None


class DossierSource(Protocol):
    """Where online dossiers come from."""

    def by_code(self, code: str) -> DossierStatus | None:
        """Return the dossier with this code (anyone holding the code may ask)."""

    def at_desk(self, user: Any, *, status: int | None, limit: int) -> list[DossierStatus]:
        """Return the dossiers sent to the authorities whose desk the user works at, newest first."""


DOSSIER_SOURCES: list[DossierSource] = []
