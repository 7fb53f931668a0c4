"""Load administrative units into our own tables: current ones from NSO data, historical ones from CSVs."""

import csv
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction

from thidua.core.text import clean_text, fold
from thidua.organization.models import AdminUnit, DivisionType

DATA_DIR = Path(__file__).parent / "data"
REFORM_DATE = date(2025, 7, 1)
LAST_DAY_BEFORE_REFORM = date(2025, 6, 30)

_NSO_TYPES = {
    "tỉnh": DivisionType.TINH,
    "thành phố trung ương": DivisionType.THANH_PHO_TW,
    "xã": DivisionType.XA,
    "phường": DivisionType.PHUONG,
    "đặc khu": DivisionType.DAC_KHU,
}


@dataclass(frozen=True)
class ImportResult:
    """How many units each part of the import created or updated."""

    provinces: int
    communes: int
    historical: int
    source: str


def _province_code(n: int) -> str:
    return f"{n:02d}"


def _commune_code(n: int) -> str:
    return f"{n:05d}"


def _upsert(code: str, valid_from: date | None, **fields: Any) -> AdminUnit:
    unit, _ = AdminUnit.objects.update_or_create(code=code, valid_from=valid_from, defaults=fields)
    return unit


@transaction.atomic
def import_admin_units(
    nested_divisions: list[dict[str, Any]], *, source: str, progress: Callable[[int, int], None] | None = None
) -> ImportResult:
    """Import the current provinces and communes (nested NSO data) and our historical units with lineage."""
    provinces = 0
    communes = 0
    total = sum(1 + len(p.get("wards", [])) for p in nested_divisions)
    done = 0
    current_by_code: dict[str, AdminUnit] = {}
    existing = {(u.code, u.valid_from): u for u in AdminUnit.objects.filter(valid_from=REFORM_DATE)}
    for p in nested_divisions:
        code = _province_code(int(p["code"]))
        division_type = _NSO_TYPES[p["division_type"]]
        name = clean_text(p["name"])
        if division_type == DivisionType.TINH and not name.startswith("Tỉnh "):
            name = f"Tỉnh {name}"  # the NSO data names provinces without their kind, unlike communes
        province = _upsert(
            code,
            REFORM_DATE,
            name=name,
            division_type=_NSO_TYPES[p["division_type"]],
            parent=None,
            valid_to=None,
            source=source,
        )
        current_by_code[code] = province
        provinces += 1
        to_create: list[AdminUnit] = []
        for w in p.get("wards", []):
            wcode = _commune_code(int(w["code"]))
            row = existing.get((wcode, REFORM_DATE))
            if row is None:
                row = AdminUnit(code=wcode, valid_from=REFORM_DATE)
                to_create.append(row)
            row.name = w["name"]
            row.division_type = _NSO_TYPES[w["division_type"]]
            row.parent = province
            row.source = source
            if row.pk:
                row.save()
            current_by_code[wcode] = row
            communes += 1
        for row in to_create:
            row.name = clean_text(row.name)
            row.search_key = fold(row.name)
        AdminUnit.objects.bulk_create(to_create)
        done += 1 + len(p.get("wards", []))
        if progress:
            progress(done, total)
    historical = _import_historical(current_by_code)
    return ImportResult(provinces=provinces, communes=communes, historical=historical, source=source)


def _read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _import_historical(current_by_code: dict[str, AdminUnit]) -> int:
    count = 0
    old: dict[str, AdminUnit] = {}
    for row in _read_csv("historical_provinces.csv"):
        unit = _upsert(
            row["code"],
            None,
            name=row["name"],
            division_type=row["division_type"],
            parent=None,
            valid_to=LAST_DAY_BEFORE_REFORM,
            source="historical_provinces.csv",
        )
        old[row["code"]] = unit
        successor = current_by_code.get(row["successor_code"])
        if successor is not None:
            unit.successors.add(successor)
        count += 1
    rows = _read_csv("historical_communes.csv")
    children_successors: dict[str, set[AdminUnit]] = {}
    for row in rows:
        unit = _upsert(
            row["code"],
            None,
            name=row["name"],
            division_type=row["division_type"],
            parent=old.get(row["parent_code"]),
            valid_to=LAST_DAY_BEFORE_REFORM,
            source="historical_communes.csv",
        )
        old[row["code"]] = unit
        successor = current_by_code.get(row["successor_code"]) if row["successor_code"] else None
        if successor is not None:
            unit.successors.add(successor)
            children_successors.setdefault(row["parent_code"], set()).add(successor)
        count += 1
    # An abolished district leads to the communes its own communes became.
    for parent_code, successors in children_successors.items():
        parent = old.get(parent_code)
        if parent is not None and parent.division_type in {
            DivisionType.HUYEN,
            DivisionType.QUAN,
            DivisionType.THI_XA,
        }:
            parent.successors.add(*successors)
    return count


def load_nso_data() -> tuple[list[dict[str, Any]], str]:
    """Read the nested NSO data from the pinned vietnam-provinces package (import-time only, GPL)."""
    import vietnam_provinces  # noqa: PLC0415 - a data-import dependency, never loaded at run time

    with Path(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH).open(encoding="utf-8") as fh:
        data = json.load(fh)
    source = (
        f"vietnam-provinces {vietnam_provinces.__version__} (NSO data {vietnam_provinces.__data_version__})"
    )
    return data, source
