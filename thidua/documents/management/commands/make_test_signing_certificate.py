"""Create a self-signed TEST signing certificate (PKCS#12) for trying out signed documents."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.documents.signing import TEST_CERTIFICATE_NAME, make_test_certificate


class Command(BaseCommand):
    help = f"Write a self-signed PKCS#12 named “{TEST_CERTIFICATE_NAME}”."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", default="var/test-signing.p12", help="Where to write the .p12 file.")
        parser.add_argument("--password", default="thidua-test", help="Password of the .p12 file.")
        parser.add_argument("--days", type=int, default=365, help="Validity in days.")
        parser.add_argument("--force", action="store_true", help="Overwrite an existing file.")

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"])
        if output.exists() and not options["force"]:
            raise CommandError(f"{output} exists; pass --force to replace it.")
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(make_test_certificate(password=options["password"], days=options["days"]))
        output.chmod(0o600)
        self.stdout.write(
            f"Wrote {output} ({TEST_CERTIFICATE_NAME}). To sign issued documents with it, set:\n"
            f'  THIDUA_SIGNING_P12 = "{output.resolve()}"\n'
            f'  THIDUA_SIGNING_P12_PASSWORD = "{options["password"]}"'
        )
