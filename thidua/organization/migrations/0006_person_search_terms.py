"""Store the word-start suffixes of people's names so a search is one range of a covering index.

On PostgreSQL the text columns use the "C" collation (byte order: a prefix is an index range and sorts
are fast) and the index on `term` also carries sort_key, person_id, unit_path and exact_term, so a
search page reads the index alone.
"""

import django.db.models.deletion
from django.db import migrations, models


def backfill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            """
            INSERT INTO organization_personsearchterm (person_id, term, exact_term, sort_key, unit_path)
            SELECT p.id, array_to_string(f.words[i:], ' '), array_to_string(e.words[i:], ' '),
                   p.sort_key, p.unit_path
            FROM organization_person p
            CROSS JOIN LATERAL regexp_split_to_array(btrim(p.search_key), ' ') AS f(words)
            CROSS JOIN LATERAL regexp_split_to_array(btrim(p.exact_key), ' ') AS e(words)
            CROSS JOIN LATERAL generate_subscripts(f.words, 1) AS i
            WHERE btrim(p.search_key) <> ''
            """
        )
        return
    Person = apps.get_model("organization", "Person")
    Term = apps.get_model("organization", "PersonSearchTerm")
    for person in Person.objects.iterator(chunk_size=2000):
        folded, exact = person.search_key.split(), person.exact_key.split()
        Term.objects.bulk_create(
            Term(
                person_id=person.pk,
                term=" ".join(folded[i:]),
                exact_term=" ".join(exact[i:]),
                sort_key=person.sort_key,
                unit_path=person.unit_path,
            )
            for i in range(len(folded))
        )


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        schema_editor.execute("CREATE INDEX person_term_idx ON organization_personsearchterm (term)")
        return
    schema_editor.execute(
        'ALTER TABLE organization_personsearchterm ALTER COLUMN term TYPE varchar(200) COLLATE "C", '
        'ALTER COLUMN sort_key TYPE varchar(400) COLLATE "C", '
        'ALTER COLUMN unit_path TYPE varchar(255) COLLATE "C"'
    )
    schema_editor.execute(
        "CREATE INDEX person_term_idx ON organization_personsearchterm (term) "
        "INCLUDE (sort_key, person_id, unit_path, exact_term)"
    )
    schema_editor.execute("ANALYZE organization_personsearchterm")


def drop_index(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS person_term_idx")


class Migration(migrations.Migration):
    dependencies = [("organization", "0005_person_unit_path")]

    operations = [
        migrations.CreateModel(
            name="PersonSearchTerm",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("term", models.CharField(max_length=200)),
                ("exact_term", models.CharField(max_length=200)),
                ("sort_key", models.CharField(max_length=400)),
                ("unit_path", models.CharField(max_length=255)),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="organization.person"
                    ),
                ),
            ],
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
