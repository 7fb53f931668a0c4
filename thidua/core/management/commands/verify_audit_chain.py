"""Verify the tamper-evident audit chain; exit with status 1 when a row was edited or removed."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from thidua.core.audit import verify_chain
from thidua.core.models import AuditEvent


class Command(BaseCommand):
    help = "Verify the audit log's hash chain."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = list(verify_chain())
        total = AuditEvent.objects.count()
        if problems:
            for p in problems:
                self.stderr.write(f"row {p.seq}: {p.message}")
            raise CommandError(f"Audit chain broken: {len(problems)} problem(s) in {total} rows.")
        self.stdout.write(f"Audit chain intact: {total} rows verified.")
