"""Copy each person's unit path onto the person and index people for scoped, ordered pages.

On PostgreSQL the sort key and the path use the "C" collation (they are digit strings and paths, which
order the same under every collation, and byte comparison is several times faster than the locale's),
and the (sort_key, id) index also carries unit_path and search_key so the page-key query of the people
list needs no table access.
"""

from django.db import migrations, models


def postgres_up(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        'ALTER TABLE organization_person ALTER COLUMN sort_key TYPE varchar(400) COLLATE "C", '
        'ALTER COLUMN unit_path TYPE varchar(255) COLLATE "C"'
    )
    schema_editor.execute("DROP INDEX IF EXISTS person_sort_idx")
    schema_editor.execute(
        "CREATE INDEX person_sort_idx ON organization_person (sort_key, id) INCLUDE (unit_path, search_key)"
    )


def postgres_down(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS person_sort_idx")
    schema_editor.execute("CREATE INDEX person_sort_idx ON organization_person (sort_key, id)")
    schema_editor.execute(
        'ALTER TABLE organization_person ALTER COLUMN sort_key TYPE varchar(400) COLLATE "default"'
    )


class Migration(migrations.Migration):
    dependencies = [("organization", "0004_person_exact_key")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="unit_path",
            field=models.CharField(default="", editable=False, max_length=255),
        ),
        migrations.RunSQL(
            "UPDATE organization_person SET unit_path = COALESCE("
            "(SELECT u.path FROM organization_unit u WHERE u.id = organization_person.unit_id), '')",
            migrations.RunSQL.noop,
        ),
        migrations.RunPython(postgres_up, postgres_down),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["unit_path", "sort_key", "id"], name="person_path_sort_idx"),
        ),
    ]
