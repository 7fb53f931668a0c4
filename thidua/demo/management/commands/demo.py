"""Load the demo world (administrative units, units, people, logins) into an empty database."""

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from thidua.demo.world import build_demo_world, demo_logins_text
from thidua.organization.models import AdminUnit, Unit


class Command(BaseCommand):
    help = "Load the demo world of dispatch 2377/UBND-NV (Tân Uyên, Lai Châu)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when units already exist.")
        parser.add_argument("--people-per-unit", type=int, default=6)

    def handle(self, *args: Any, **options: Any) -> None:
        if Unit.objects.exists():
            if options["if_empty"]:
                self.stdout.write(demo_logins_text())
                return
            raise CommandError("The database already has units. Use a fresh database for the demo world.")
        if not AdminUnit.objects.exists():
            call_command("import_admin_units", stdout=self.stdout)
        result = build_demo_world(
            people_per_unit=options["people_per_unit"], progress=lambda s: self.stdout.write(f"… {s}")
        )
        self.stdout.write(f"Demo world loaded: {result['units']} units, {result['people']} people.")
        self.stdout.write(demo_logins_text())
