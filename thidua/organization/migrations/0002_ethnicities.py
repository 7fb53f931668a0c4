"""Load the 54 ethnic groups from data/ethnicities.csv."""

import csv
from pathlib import Path

from django.db import migrations

from thidua.core.text import fold

DATA = Path(__file__).resolve().parent.parent / "data" / "ethnicities.csv"


def load(apps, schema_editor):
    Ethnicity = apps.get_model("organization", "Ethnicity")
    with DATA.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            Ethnicity.objects.update_or_create(
                code_1979=row["code_1979"],
                defaults={
                    "code_2008": row["code_2008"],
                    "name": row["name"],
                    "other_names": row["other_names"],
                    "is_minority": row["is_minority"] == "true",
                    "search_key": fold(f"{row['name']} {row['other_names'].replace(';', ' ')}"),
                },
            )


class Migration(migrations.Migration):
    dependencies = [("organization", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
