"""Plain-data inputs of an eligibility check (the Django side builds these from its rows)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from thidua.regulations.authority import Office
from thidua.regulations.kinds import AwardBasis, DisciplineForm, LeaveKind, Rating, Scope, SubjectKind


@dataclass(frozen=True, slots=True)
class AwardRecord:
    """An award in the subject's history, for the achievements of one evaluation year."""

    code: str
    revoked: bool = False
    authority: Office | None = None  # who decided it (chains may cross authorities)
    basis: AwardBasis = AwardBasis.MERIT
    achievement: str | None = None  # identifier of the achievement it rewarded


@dataclass(frozen=True, slots=True)
class HistoryYear:
    """One evaluation year of a subject: rating, awards, initiatives and research."""

    year: int
    rating: Rating | None = None
    awards: tuple[AwardRecord, ...] = ()
    initiatives: int = 0  # sáng kiến recognised and applied
    initiative_scope: Scope | None = None  # the widest scope among them
    research: int = 0  # đề tài, đề án accepted and applied
    research_scope: Scope | None = None
    combat_ingenuity: bool = False  # armed forces: mưu trí, sáng tạo trong chiến đấu


@dataclass(frozen=True, slots=True)
class DisciplineRecord:
    """A disciplinary measure in force from ``start`` to ``end`` (None: not yet ended)."""

    form: DisciplineForm
    start: date
    end: date | None = None


@dataclass(frozen=True, slots=True)
class Leave:
    """An absence within the evaluation period."""

    kind: LeaveKind
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class Person:
    """What the engine needs to know about an individual."""

    recruited_on: date | None = None
    continuous_service_from: date | None = None  # earlier contract at the same agency, without a break
    leaves: tuple[Leave, ...] = ()


@dataclass(frozen=True, slots=True)
class Flags:
    """Temporary blockers on the decision date."""

    under_investigation: bool = False
    pending_complaint: bool = False
    discipline_pending: bool = False
    unit_dissolved: bool = False


@dataclass(frozen=True, slots=True)
class CollectiveCounts:
    """A collective's own rating and its member counts for the evaluation year."""

    rating: Rating | None
    members: int
    members_completed: int  # HTNV: at least "hoàn thành nhiệm vụ"
    members_ldtt: int
    members_cstdcs: int
    members_disciplined: int  # members disciplined at the policy's bar (default: cảnh cáo) or above


@dataclass(frozen=True, slots=True)
class Case:
    """A question: may ``subject`` receive ``award`` for the achievements of ``year``, decided ``on``?"""

    award: str
    subject: SubjectKind
    year: int
    on: date
    person: Person = field(default_factory=Person)
    history: tuple[HistoryYear, ...] = ()
    discipline: tuple[DisciplineRecord, ...] = ()
    flags: Flags = field(default_factory=Flags)
    collective: CollectiveCounts | None = None
    achievement: str | None = None  # identifier of the achievement being proposed
    attestations: Mapping[str, bool] = field(default_factory=lambda: MappingProxyType({}))
