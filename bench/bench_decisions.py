"""Time a decision with a 2,000-line attached list as PDF, and 1,000 certificates in one PDF.

Usage: bench/bench_decisions.py [--lines 2000] [--certificates 1000]

Runs on a throwaway SQLite database (THIDUA_DB_PATH=/tmp/bench_decisions.sqlite3): creates a commune with
20 schools and their teachers, drafts one decision through the real services (half Giấy khen, half LĐTT,
priced by the regulations engine), issues it (number, decision PDF/DOCX, attached list, award register),
then renders the attached list, the payment list and the certificates again on their own. Prints times,
pages (from `pdfinfo`) and sizes.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _pages(pdf: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        info = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def _timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    print(f"{label:<52} {elapsed:8.2f} s")
    return result, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--certificates", type=int, default=1000)
    args = parser.parse_args()

    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["THIDUA_DB_PATH"] = "/tmp/bench_decisions.sqlite3"  # noqa: S108
    os.environ.setdefault("THIDUA_MEDIA_DIR", tempfile.mkdtemp(prefix="bench_decisions_media_"))
    Path(os.environ["THIDUA_DB_PATH"]).unlink(missing_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from thidua.accounts.models import Role
    from thidua.decisions import selectors, services
    from thidua.decisions.rendering.appendix import appendix_pdf
    from thidua.decisions.rendering.certificates import certificates_pdf
    from thidua.decisions.rendering.payments import payment_pdf, payment_xlsx
    from thidua.organization.models import Person, Sex, Unit, UnitKind
    from thidua.organization.services import unit_create
    from thidua.testing.cast import make_user

    commune = unit_create(
        actor=None,
        code="XTU-UBND",
        name="Ủy ban nhân dân xã Tân Uyên",
        kind=UnitKind.PEOPLES_COMMITTEE,
        abbreviation="UBND",
        place_name="Tân Uyên",
    )
    Unit.objects.filter(pk=commune.pk).update(abbreviation="UBND", place_name="Tân Uyên")
    commune.refresh_from_db()
    schools = [
        unit_create(
            actor=None,
            code=f"S{i:02d}",
            name=f"Trường số {i} xã Tân Uyên",
            kind=UnitKind.SCHOOL,
            parent=commune,
        )
        for i in range(1, 21)
    ]
    given = [
        "An",
        "Bình",
        "Chi",
        "Dũng",
        "Đào",
        "Giang",
        "Hà",
        "Khánh",
        "Lan",
        "Minh",
        "Ngọc",
        "Phương",
        "Quân",
        "Yến",
    ]
    family = ["Nguyễn", "Lò", "Tòng", "Vàng", "Trần", "Lê", "Phạm", "Đỗ"]
    people = []
    for i in range(args.lines):
        p = Person(
            family_name=family[i % len(family)],
            middle_name="Thị" if i % 2 else "Văn",
            given_name=given[(i * 7) % len(given)],
            sex=Sex.FEMALE if i % 2 else Sex.MALE,
            position="Giáo viên",
            unit=schools[i % len(schools)],
        )
        p.refresh_keys()
        people.append(p)
    Person.objects.bulk_create(people, batch_size=1000)
    people = list(Person.objects.order_by("pk"))
    officer = make_user("canbo", commune, Role.EMULATION_OFFICER, "Vàng Thị Mai")
    chairman = make_user("chutich", commune, Role.SIGNATORY, "Bùi Huy Phương")
    decision = services.decision_create(
        actor=officer,
        authority_unit=commune,
        title="Về việc khen thưởng thành tích năm học 2025 - 2026",
        decided_on=date(2026, 8, 3),
        achievement_year=2026,
        signer_name="Bùi Huy Phương",
        fund="Quỹ thi đua, khen thưởng xã Tân Uyên",
    )
    specs = [
        {
            "subject_kind": "INDIVIDUAL",
            "person": p,
            "award_code": "GIAY_KHEN" if i < args.certificates else "LDTT",
        }
        for i, p in enumerate(people)
    ]
    print(f"Decision with {len(specs):,} lines, {args.certificates:,} of them Giấy khen")
    _timed(
        "add and price the lines",
        lambda: services.decision_add_lines(actor=officer, decision=decision, lines=specs),
    )
    issued, _ = _timed(
        "issue (number, decision PDF+DOCX, list PDF, register)",
        lambda: services.decision_issue(actor=chairman, decision=decision, issued_on=date(2026, 8, 3)),
    )
    listed, t_list = _timed("attached list PDF", lambda: appendix_pdf(issued))
    print(
        f"{'':<52} {_pages(listed):8d} pages, {len(listed) / 1024:,.0f} KiB, "
        f"{t_list / _pages(listed) * 1000:.0f} ms/page"
    )
    pay, _ = _timed("payment list PDF", lambda: payment_pdf(issued))
    print(f"{'':<52} {_pages(pay):8d} pages")
    _timed("payment list Excel", lambda: payment_xlsx(issued))
    count = len(selectors.certificate_lines(issued))
    certs, t_certs = _timed(f"{count:,} certificates in one PDF", lambda: certificates_pdf(issued))
    print(
        f"{'':<52} {_pages(certs):8d} pages, {len(certs) / 1024 / 1024:,.1f} MiB, "
        f"{t_certs / count * 1000:.0f} ms/certificate"
    )
    total = sum(line.amount_vnd for line in issued.lines.all())
    print(f"Total prize money {total:,} đ".replace(",", "."))


if __name__ == "__main__":
    main()
