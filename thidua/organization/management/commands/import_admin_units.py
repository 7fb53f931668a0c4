"""Import the 34 provinces and 3,321 communes (NSO data) and the historical units with their lineage."""

from typing import Any

from django.core.management.base import BaseCommand

from thidua.organization.admin_units import import_admin_units, load_nso_data


class Command(BaseCommand):
    help = "Import administrative units into thidua's own tables."

    def handle(self, *args: Any, **options: Any) -> None:
        data, source = load_nso_data()
        verbosity = options["verbosity"]

        def progress(done: int, total: int) -> None:
            if verbosity >= 2:
                self.stdout.write(f"\r{done}/{total}", ending="")

        result = import_admin_units(data, source=source, progress=progress)
        self.stdout.write(
            f"Imported {result.provinces} provinces, {result.communes} communes and "
            f"{result.historical} historical units from {result.source}."
        )
