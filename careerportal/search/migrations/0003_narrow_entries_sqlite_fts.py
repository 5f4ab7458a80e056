"""Faster search on PostgreSQL, typo-tolerant search on SQLite.

* The entries no longer copy the records' title, summary and body text: on
  PostgreSQL the stored vector is computed from the record itself
  (postgresql.document_vector) and snippets come from the records shown, so the
  entry rows are narrow and ranking reads a third of the pages it read before.
* On SQLite, entries are now kept too, with their text in an FTS5 table using the
  trigram tokenizer (SQLite 3.34 or later), filled here from existing records.

Reversed: PostgreSQL gets the text columns back, refilled from the records;
SQLite drops the FTS5 table and empties the entries (0002 kept none there).
"""

import importlib

from django.db import migrations, models

FTS_TABLE = "search_entry_fts"


def _entries_migration():
    return importlib.import_module("careerportal.search.migrations.0002_search_entries")


def _texts(apps, alias):
    """(content type, record id, label, names, title, summary, body) of every record, as 0002 copied them."""
    previous = _entries_migration()
    ContentType = apps.get_model("contenttypes", "ContentType")
    for (app_label, model_name), (title, summary, body, names) in previous.FIELDS.items():
        model = apps.get_model(app_label, model_name)
        content_type, _created = ContentType.objects.using(alias).get_or_create(app_label=app_label, model=model_name)
        for record in model.objects.using(alias).iterator(chunk_size=2000):
            yield (
                content_type,
                record.pk,
                str(getattr(record, title[0]) or ""),
                previous._joined(record, names),
                previous._joined(record, title),
                previous._joined(record, summary),
                previous._joined(record, body),
            )


def create_fts(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, summary, body, names, tokenize='trigram')"
    )


def drop_fts(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


def fill_fts(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    alias = schema_editor.connection.alias
    SearchEntry = apps.get_model("search", "SearchEntry")
    texts = list(_texts(apps, alias))
    entries = SearchEntry.objects.using(alias).bulk_create(
        [
            SearchEntry(content_type=content_type, object_id=pk, label=label, names=names)
            for content_type, pk, label, names, *_text in texts
        ],
        batch_size=1000,
    )
    with schema_editor.connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, summary, body, names) VALUES (%s, %s, %s, %s, %s)",
            [
                (entry.pk, title, summary, body, names)
                for entry, (_ct, _pk, _label, names, title, summary, body) in zip(entries, texts, strict=True)
            ],
        )


def empty_entries(apps, schema_editor):
    """Before the text columns come back: 0002 kept no entries on SQLite."""
    if schema_editor.connection.vendor != "sqlite":
        return
    apps.get_model("search", "SearchEntry").objects.using(schema_editor.connection.alias).all().delete()


def refill_text(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    alias = schema_editor.connection.alias
    SearchEntry = apps.get_model("search", "SearchEntry")
    for content_type, pk, _label, _names, title, summary, body in _texts(apps, alias):
        SearchEntry.objects.using(alias).filter(content_type=content_type, object_id=pk).update(
            title=title, summary=summary, body=body
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_search_entries"),
    ]

    operations = [
        migrations.RunPython(create_fts, drop_fts, elidable=False),
        migrations.RunPython(migrations.RunPython.noop, refill_text, elidable=False),
        # With a default, reversing adds the columns back to a table that has rows.
        *(
            migrations.AlterField(
                model_name="searchentry", name=name, field=models.TextField(default="", verbose_name=label)
            )
            for name, label in (("title", "title text"), ("summary", "summary text"), ("body", "body text"))
        ),
        migrations.RemoveField(model_name="searchentry", name="body"),
        migrations.RemoveField(model_name="searchentry", name="summary"),
        migrations.RemoveField(model_name="searchentry", name="title"),
        migrations.RunPython(fill_fts, empty_entries, elidable=False),
    ]
