"""Time a 10,000-row nominee import with eligibility checks from the award register.

Usage: bench/bench_proposals.py [--rows N]

Runs on a throwaway SQLite database (THIDUA_DB_PATH=/tmp/bench_proposals.sqlite3). Builds a commune of
Lai Châu with ten schools and N people (with ID numbers), gives each person three years of evaluations and
some LĐTT / CSTĐCS awards in the register, writes a spreadsheet of N nominees in the office layout
(LĐTT for most, CSTĐCS for every tenth), then times: the check-only pass (reading and resolving every row),
and the real import (all rows added, then every nominee checked against the register and the list checks).

Reference run (2 shared vCPUs, SQLite, 10,000 rows): check only 6.4 s (≈ 1,570 rows/s); import with
eligibility 242 s (≈ 41 rows/s). About 80 % of the import is `awards.selectors.eligibility_for_person`
(≈ 20 ms and several queries per person, one person at a time); a batch form of it would be the fix.
"""

import argparse
import io
import os
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()

    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["THIDUA_DB_PATH"] = "/tmp/bench_proposals.sqlite3"  # noqa: S108
    Path(os.environ["THIDUA_DB_PATH"]).unlink(missing_ok=True)
    import django

    django.setup()
    from django.core.management import call_command
    from openpyxl import Workbook

    call_command("migrate", verbosity=0)
    from thidua.awards.models import Award, Evaluation
    from thidua.organization.models import (
        AdminUnit,
        DivisionType,
        Person,
        PersonMembership,
        Sex,
        Unit,
        UnitKind,
    )
    from thidua.proposals.models import Proposal, ProposalKind
    from thidua.proposals.spreadsheets import import_nominees

    started = time.perf_counter()
    tinh = AdminUnit.objects.create(code="12", name="tỉnh Lai Châu", division_type=DivisionType.TINH)
    xa = AdminUnit.objects.create(
        code="03598", name="xã Tân Uyên", division_type=DivisionType.XA, parent=tinh
    )
    pc = UnitKind.PEOPLES_COMMITTEE
    province = Unit.objects.create(code="P", name="Ủy ban nhân dân tỉnh Lai Châu", kind=pc, admin_unit=tinh)
    commune = Unit.objects.create(
        code="C", name="Ủy ban nhân dân xã Tân Uyên", kind=pc, parent=province, admin_unit=xa
    )
    group = Unit.objects.create(
        code="C-GD", name="Khối giáo dục xã Tân Uyên", kind=UnitKind.OTHER, parent=commune
    )
    schools = [
        Unit.objects.create(
            code=f"C-S{i}", name=f"Trường số {i} xã Tân Uyên", kind=UnitKind.SCHOOL, parent=group
        )
        for i in range(10)
    ]
    family = ["Nguyễn", "Lò", "Tòng", "Vàng", "Lường", "Hoàng", "Trần", "Lê"]
    given = ["An", "Bình", "Cường", "Dung", "Hà", "Lan", "Minh", "Nga", "Phương", "Thu"]
    people = []
    for i in range(args.rows):
        p = Person(
            unit=schools[i % 10],
            family_name=family[i % len(family)],
            middle_name="Văn" if i % 2 else "Thị",
            given_name=f"{given[i % len(given)]} {i}",
            sex=Sex.MALE if i % 2 else Sex.FEMALE,
            date_of_birth=date(1970 + i % 30, 1 + i % 12, 1 + i % 28),
            id_number=f"{100000000000 + i}",
            is_direct_worker=i % 3 != 0,
        )
        p.refresh_keys()
        people.append(p)
    people = Person.objects.bulk_create(people, batch_size=1000)
    PersonMembership.objects.bulk_create(
        [PersonMembership(person=p, unit=p.unit, valid_from=date(2015, 9, 1)) for p in people],
        batch_size=1000,
    )
    ratings = ["HTXS", "HTT", "HTT", "HT"]
    Evaluation.objects.bulk_create(
        [
            Evaluation(person=p, year=y, rating=ratings[(i + y) % 4])
            for i, p in enumerate(people)
            for y in (2024, 2025, 2026)
        ],
        batch_size=2000,
    )
    Award.objects.bulk_create(
        [
            Award(
                subject_kind="INDIVIDUAL",
                person=p,
                award_code="CSTDCS" if i % 5 == 0 else "LDTT",
                year=2025,
                decided_on=date(2025, 12, 20),
                authority_office="CT_UBND_XA",
                decision_symbol="99/QĐ-UBND",
                source_ref="bench",
            )
            for i, p in enumerate(people)
            if i % 2 == 0
        ],
        batch_size=2000,
    )
    print(f"built {args.rows:,} people with 3 years of history in {time.perf_counter() - started:.1f} s")

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Danh sách")
    ws.append(
        [
            "STT",
            "Họ và tên",
            "Ngày sinh",
            "Số định danh",
            "Đơn vị",
            "Chức vụ",
            "Hình thức/Danh hiệu",
            "Năm",
            "Tóm tắt thành tích",
        ]
    )
    for i, p in enumerate(people, start=1):
        code = "CSTDCS" if i % 10 == 0 else "Lao động tiên tiến"
        ws.append(
            [
                i,
                p.full_name,
                p.date_of_birth.strftime("%d/%m/%Y"),
                p.id_number,
                p.unit.code,
                "Giáo viên",
                code,
                2026,
                "Hoàn thành tốt nhiệm vụ năm học.",
            ]
        )
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    print(f"spreadsheet: {len(data) / 1_048_576:.1f} MB")

    proposal = Proposal.objects.create(
        proposing_unit=group, authority_unit=commune, kind=ProposalKind.YEAR_END, year=2026, title="Bench"
    )
    on = date(2026, 11, 2)
    for dry_run in (True, False):
        t = time.perf_counter()
        report = import_nominees(
            io.BytesIO(data),
            actor=None,
            proposal=proposal,
            size=len(data),
            max_bytes=50 * 1_048_576,
            dry_run=dry_run,
            on=on,
        )
        elapsed = time.perf_counter() - t
        label = "check only" if dry_run else "import + eligibility checks"
        assert report.is_clean, report.errors[:5]
        print(
            f"{label:<30} {report.rows_total:>7,} rows  {elapsed:7.1f} s  "
            f"{report.rows_total / elapsed:8,.0f} rows/s"
        )
    verdicts: dict[str, int] = {}
    for v in proposal.nominees.values_list("verdict", flat=True):
        verdicts[v["verdict"]] = verdicts.get(v["verdict"], 0) + 1
    print(f"nominees: {proposal.nominees.count():,}; verdicts: {verdicts}")


if __name__ == "__main__":
    main()
