"""Search entries per language, and search that ignores accents.

* Every entry gets a language; the existing ones are English. A record gets an
  entry per language (Spanish ones are written by `manage.py rebuild_search_index`
  or the record's next save).
* PostgreSQL: the `unaccent` extension and two text search configurations,
  `en_unaccent` and `es_unaccent` (copies of `english` and `spanish` that remove
  accents from words before stemming them); the vector and names indexes become
  one partial index per language, so a search in one language reads only its own
  entries' index.
* SQLite: the FTS5 table becomes one per language, `search_entry_fts_en` (the
  former `search_entry_fts`) and `search_entry_fts_es`.

Reversed: the Spanish entries and everything above are removed.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations, models

LANGUAGES = ("en", "es")
CONFIGS = {"en_unaccent": ("english", "english_stem"), "es_unaccent": ("spanish", "spanish_stem")}


class UnaccentOnPostgreSQL(UnaccentExtension):
    """Django's operation skips other databases going forwards but not backwards."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def create_configs(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (original, stemmer) in CONFIGS.items():
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {original})")
        # Only words with letters beyond ASCII go through unaccent; plain words are stemmed as before.
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stemmer}"
        )


def drop_configs(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONFIGS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


def per_language_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_document")
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_names_trgm")
        for language in LANGUAGES:
            condition = f"WHERE language = '{language}'"
            schema_editor.execute(
                f"CREATE INDEX search_entry_document_{language} ON search_searchentry USING gin (document) {condition}"
            )
            schema_editor.execute(
                f"CREATE INDEX search_entry_names_trgm_{language} ON search_searchentry "
                f"USING gin (names gin_trgm_ops) {condition}"
            )
    elif vendor == "sqlite":
        schema_editor.execute("ALTER TABLE search_entry_fts RENAME TO search_entry_fts_en")
        for language in LANGUAGES[1:]:
            schema_editor.execute(
                f"CREATE VIRTUAL TABLE search_entry_fts_{language} "
                "USING fts5(title, summary, body, names, tokenize='trigram')"
            )


def shared_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for language in LANGUAGES:
            schema_editor.execute(f"DROP INDEX IF EXISTS search_entry_document_{language}")
            schema_editor.execute(f"DROP INDEX IF EXISTS search_entry_names_trgm_{language}")
        schema_editor.execute("CREATE INDEX search_entry_document ON search_searchentry USING gin (document)")
        schema_editor.execute(
            "CREATE INDEX search_entry_names_trgm ON search_searchentry USING gin (names gin_trgm_ops)"
        )
    elif vendor == "sqlite":
        for language in LANGUAGES[1:]:
            schema_editor.execute(f"DROP TABLE IF EXISTS search_entry_fts_{language}")
        schema_editor.execute("ALTER TABLE search_entry_fts_en RENAME TO search_entry_fts")


def forget_other_languages(apps, schema_editor):
    """Before one entry per record is unique again: only the English entries stay."""
    SearchEntry = apps.get_model("search", "SearchEntry")
    SearchEntry.objects.using(schema_editor.connection.alias).exclude(language="en").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_narrow_entries_sqlite_fts"),
    ]

    operations = [
        UnaccentOnPostgreSQL(),
        migrations.RunPython(create_configs, drop_configs, elidable=False),
        migrations.AddField(
            model_name="searchentry",
            name="language",
            field=models.CharField(default="en", max_length=8, verbose_name="language"),
            preserve_default=False,
        ),
        migrations.RemoveConstraint(model_name="searchentry", name="unique_search_entry"),
        migrations.AddConstraint(
            model_name="searchentry",
            constraint=models.UniqueConstraint(
                fields=("content_type", "object_id", "language"), name="unique_search_entry"
            ),
        ),
        migrations.RunPython(migrations.RunPython.noop, forget_other_languages, elidable=False),
        migrations.RunPython(per_language_indexes, shared_indexes, elidable=False),
    ]
