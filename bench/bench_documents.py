"""Time rendering of a launching letter of the seed's length (2377/UBND-NV) to PDF and DOCX.

Usage: bench/bench_documents.py [--repeat N]

Runs on a throwaway SQLite database (THIDUA_DB_PATH=/tmp/bench_documents.sqlite3), migrates it, issues
one document through the real service (number, render, store, deliver) and then renders that document
N more times. Prints the time per document and per page for PDF and DOCX; pages come from `pdfinfo`.
"""

import argparse
import os
import statistics
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


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["THIDUA_DB_PATH"] = "/tmp/bench_documents.sqlite3"  # noqa: S108
    os.environ.setdefault("THIDUA_MEDIA_DIR", tempfile.mkdtemp(prefix="bench_documents_media_"))
    Path(os.environ["THIDUA_DB_PATH"]).unlink(missing_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from thidua.documents import services
    from thidua.documents.rendering import render_docx, render_pdf
    from thidua.documents.samples import SEED_SUBJECT, launching_letter_2377
    from thidua.organization.models import UnitKind
    from thidua.organization.services import unit_create

    issuer = unit_create(
        actor=None,
        code="TU-UBND",
        name="Ủy ban nhân dân huyện Tân Uyên",
        kind=UnitKind.PEOPLES_COMMITTEE,
        abbreviation="UBND",
        place_name="Tân Uyên",
    )
    office = unit_create(
        actor=None,
        code="TU-NV",
        name="Phòng Nội vụ huyện Tân Uyên",
        kind=UnitKind.SPECIALISED_OFFICE,
        parent=issuer,
        abbreviation="NV",
    )
    services.register_set_start(actor=None, issuer=issuer, year=2020, last_number=2376, reason="benchmark")
    draft = services.document_create_draft(
        actor=None,
        issuer=issuer,
        kind="CONG_VAN",
        subject=SEED_SUBJECT,
        content=launching_letter_2377(),
        place_name="Tân Uyên",
        signer_name="Bùi Huy Phương",
        signer_title="Chủ tịch",
        signing_capacity="TM",
        on_behalf_of="Ủy ban nhân dân",
        recipient_units=[office],
        drafting_unit=office,
    )
    started = time.perf_counter()
    document = services.document_issue(actor=None, document=draft, issued_on=date(2020, 12, 30))
    issue_seconds = time.perf_counter() - started
    pdf = document.pdf.read()
    pages = _pages(pdf)

    pdf_times, docx_times = [], []
    render_pdf(document)  # warm-up: fonts and templates load once per process
    for _ in range(args.repeat):
        t = time.perf_counter()
        render_pdf(document)
        pdf_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        render_docx(document)
        docx_times.append(time.perf_counter() - t)

    def report(label: str, times: list[float]) -> None:
        median = statistics.median(times)
        print(
            f"{label:<5} median {median * 1000:7.1f} ms/document  {median * 1000 / pages:6.1f} ms/page  "
            f"min {min(times) * 1000:7.1f} ms  max {max(times) * 1000:7.1f} ms"
        )

    print(f"Document {document.symbol}: {pages} pages, {len(pdf):,} bytes PDF; {args.repeat} renders each")
    print(f"issue (first in process: number, PDF, DOCX, store, deliver): {issue_seconds * 1000:.0f} ms")
    report("PDF", pdf_times)
    report("DOCX", docx_times)


if __name__ == "__main__":
    main()
