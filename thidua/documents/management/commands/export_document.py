"""Write an issued document to a file: `export_document 2377/UBND-NV --year 2020 --format pdf --output F`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.core.errors import DomainError
from thidua.documents.rendering import render_docx
from thidua.documents.selectors import document_by_symbol
from thidua.organization.models import Unit


class Command(BaseCommand):
    help = "Export a numbered document as PDF (the stored, possibly signed file) or DOCX."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("symbol", help="Number and notation, e.g. 2377/UBND-NV.")
        parser.add_argument("--year", type=int, required=True, help="Year of issue.")
        parser.add_argument("--issuer", default="", help="Code of the issuing unit when several match.")
        parser.add_argument("--format", choices=["pdf", "docx"], default="pdf")
        parser.add_argument("--output", required=True, help="File to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        issuer = None
        if options["issuer"]:
            issuer = Unit.objects.filter(code=options["issuer"]).first()
            if issuer is None:
                raise CommandError(f"No unit with code {options['issuer']}.")
        try:
            document = document_by_symbol(text=options["symbol"], year=options["year"], issuer=issuer)
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        stored = document.pdf if options["format"] == "pdf" else document.docx
        if stored:
            with stored.open("rb") as handle:
                data = handle.read()
        elif options["format"] == "docx":
            data = render_docx(document)
        else:
            raise CommandError(f"Document {document.symbol} has no stored PDF.")
        Path(options["output"]).write_bytes(data)
        self.stdout.write(f"Wrote {document.symbol} ({len(data)} bytes) to {options['output']}.")
