"""Flag and e-mail the proposals whose processing deadline falls within N working days."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from thidua.proposals.services.reminders import send_deadline_reminders


class Command(BaseCommand):
    help = "Remind authorities of proposals due within N working days (overdue ones included)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=3, help="working days ahead (default 3)")
        parser.add_argument("--on", default="", help="the date to count from, YYYY-MM-DD (default today)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            on = date.fromisoformat(options["on"]) if options["on"] else timezone.localdate()
        except ValueError:
            raise CommandError("--on must be a date such as 2026-11-30") from None
        if options["days"] < 0:
            raise CommandError("--days must not be negative")
        sent = send_deadline_reminders(on=on, days=options["days"])
        for p in sent:
            self.stdout.write(f"{p.pk}\t{p.due_on}\t{p.authority_unit.name}\t{p.title}")
        self.stdout.write(f"{len(sent)} reminder(s) on {on.isoformat()}.")
