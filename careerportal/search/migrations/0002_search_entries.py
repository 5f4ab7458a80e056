"""Search entries: each record's text with its weighted vector stored, so a
search reads stored vectors instead of parsing long text for every matching row
(with 10,000 extra records the expression indexes of 0001 still left ranking
and PostgreSQL's cost estimates to re-parse every match: 0.3-2 s a search).

On PostgreSQL this drops 0001's expression indexes, indexes the stored vector
(GIN) and the names (pg_trgm GIN), and fills the entries from existing records.
Elsewhere the table stays empty: the SQLite fallback searches the records.
"""

import importlib

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


# (app, model): (title fields, summary fields, body fields, names), as in registry.py
FIELDS = {
    ("certifications", "certification"): (
        ["code", "name"],
        ["summary"],
        ["description", "prerequisites"],
        ["code", "name"],
    ),
    ("qualifications", "qualificationpath"): (["name", "role"], ["summary"], ["description"], ["name"]),
    ("qualifications", "educationstep"): (["name"], ["summary"], ["description", "covers"], ["name"]),
    ("qualifications", "skill"): (["name"], ["summary"], ["on_the_job", "how_to_build"], ["name"]),
    ("qualifications", "careertopic"): (["title"], ["summary"], ["description"], ["title"]),
    ("qualifications", "outlookfigure"): (["label"], ["occupation"], ["period"], ["label"]),
    ("certifications", "codeset"): (["name", "full_name"], ["codes_what"], ["maintainer", "update_cadence"], ["name", "full_name"]),
    ("certifications", "certifyingbody"): (["abbreviation", "name"], ["summary"], [], ["abbreviation", "name"]),
}
DOCUMENT = (
    "setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(summary, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(body, '')), 'C')"
)


def _first_migration():
    return importlib.import_module("careerportal.search.migrations.0001_search_indexes")


def _joined(record, names):
    return " ".join(str(value) for value in (getattr(record, name) for name in names) if value)


def index_entries(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, _document, _names in _first_migration().SEARCH_INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{table}_search"')
        schema_editor.execute(f'DROP INDEX IF EXISTS "{table}_trgm"')
    schema_editor.execute("CREATE INDEX IF NOT EXISTS search_entry_document ON search_searchentry USING gin (document)")
    schema_editor.execute("CREATE INDEX IF NOT EXISTS search_entry_names_trgm ON search_searchentry USING gin (names gin_trgm_ops)")

    alias = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    SearchEntry = apps.get_model("search", "SearchEntry")
    for (app_label, model_name), (title, summary, body, names) in FIELDS.items():
        model = apps.get_model(app_label, model_name)
        content_type, _created = ContentType.objects.using(alias).get_or_create(app_label=app_label, model=model_name)
        SearchEntry.objects.using(alias).bulk_create(
            [
                SearchEntry(
                    content_type=content_type,
                    object_id=record.pk,
                    label=str(getattr(record, title[0]) or ""),
                    names=_joined(record, names),
                    title=_joined(record, title),
                    summary=_joined(record, summary),
                    body=_joined(record, body),
                )
                for record in model.objects.using(alias).iterator(chunk_size=2000)
            ],
            batch_size=1000,
        )
    schema_editor.execute(f"UPDATE search_searchentry SET document = {DOCUMENT}")


def unindex_entries(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_entry_document")
    schema_editor.execute("DROP INDEX IF EXISTS search_entry_names_trgm")
    _first_migration().create_search_indexes(apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('search', '0001_search_indexes'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.PositiveBigIntegerField(verbose_name='record id')),
                ('label', models.TextField(help_text='A code or name that, typed exactly, ranks this record first.', verbose_name='label')),
                ('names', models.TextField(help_text='Where typos are forgiven: code, abbreviation and name.', verbose_name='names')),
                ('title', models.TextField(verbose_name='title text')),
                ('summary', models.TextField(verbose_name='summary text')),
                ('body', models.TextField(verbose_name='body text')),
                ('document', django.contrib.postgres.search.SearchVectorField(null=True, verbose_name='weighted document')),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype', verbose_name='type')),
            ],
            options={
                'verbose_name': 'search entry',
                'verbose_name_plural': 'search entries',
                'ordering': ['content_type', 'object_id'],
                'constraints': [models.UniqueConstraint(fields=('content_type', 'object_id'), name='unique_search_entry')],
            },
        ),
        migrations.RunPython(index_entries, unindex_entries, elidable=False),
    ]
