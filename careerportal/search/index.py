"""Keeps the search entries (models.SearchEntry) in step with the records.

Every save of a searchable record rewrites its entry and every delete removes
it, through the signals connected in apps.py. Writes that skip signals
(`QuerySet.update()`, `bulk_create()`) leave entries stale until
`manage.py rebuild_search_index` (or `rebuild()`) runs.

What each database adds to an entry lives in one module per backend, with the
same three functions (`write`, `forget`, `after_rebuild`): postgresql.py stores
the weighted vector, sqlite.py the text in an FTS5 trigram table. A database
with neither keeps no entries.
"""

import importlib

from django.contrib.contenttypes.models import ContentType
from django.db import connections, transaction
from django.db.models.signals import post_delete, post_save

from .models import SearchEntry
from .registry import SEARCHABLE_TYPES

SEARCH_CONFIG = "english"
BACKENDS = {"postgresql": "careerportal.search.postgresql", "sqlite": "careerportal.search.sqlite"}
_BY_MODEL = {searchable.model: searchable for searchable in SEARCHABLE_TYPES}


def _joined(record, names):
    return " ".join(str(value) for value in (getattr(record, name) for name in names) if value)


def entry_values(searchable, record):
    """The label and names the entry stores, and the text each backend indexes."""
    return {
        "label": str(getattr(record, searchable.title_fields[0]) or ""),
        "names": _joined(record, searchable.trigram_fields),
        "title": _joined(record, searchable.title_fields),
        "summary": _joined(record, searchable.summary_fields),
        "body": _joined(record, searchable.body_fields),
    }


ENTRY_FIELDS = ("label", "names")


def backend(using="default"):
    """The module that indexes and searches entries on this database, or None."""
    module = BACKENDS.get(connections[using].vendor)
    return importlib.import_module(module) if module else None


def uses_entries(using="default"):
    return backend(using) is not None


def index_record(record, *, using="default"):
    """Write the entry of one record (create or replace)."""
    searchable = _BY_MODEL[type(record)]
    values = entry_values(searchable, record)
    content_type = ContentType.objects.db_manager(using).get_for_model(record)
    with transaction.atomic(using=using):
        entry, _created = SearchEntry.objects.using(using).update_or_create(
            content_type=content_type,
            object_id=record.pk,
            defaults={name: values[name] for name in ENTRY_FIELDS},
        )
        backend(using).write([(entry, searchable, values)], using=using)


def remove_record(record, *, using="default"):
    content_type = ContentType.objects.db_manager(using).get_for_model(record)
    entries = SearchEntry.objects.using(using).filter(content_type=content_type, object_id=record.pk)
    with transaction.atomic(using=using):
        backend(using).forget(entries, using=using)
        entries.delete()


def rebuild(types=SEARCHABLE_TYPES, *, using="default"):
    """Rewrite every entry of these types from the records; returns the count per type."""
    counts = {}
    indexer = backend(using)
    with transaction.atomic(using=using):
        for searchable in types:
            content_type = ContentType.objects.db_manager(using).get_for_model(searchable.model)
            old = SearchEntry.objects.using(using).filter(content_type=content_type)
            indexer.forget(old, using=using)
            old.delete()
            written = []
            records = searchable.model._default_manager.using(using).iterator(chunk_size=2000)
            for record in records:
                values = entry_values(searchable, record)
                entry = SearchEntry(
                    content_type=content_type, object_id=record.pk, **{name: values[name] for name in ENTRY_FIELDS}
                )
                written.append((entry, searchable, values))
            SearchEntry.objects.using(using).bulk_create([entry for entry, _s, _v in written], batch_size=1000)
            indexer.write(written, using=using)
            counts[searchable.key] = len(written)
    indexer.after_rebuild(using=using)
    return counts


def _on_save(sender, instance, raw=False, using="default", **kwargs):
    if not raw and uses_entries(using):
        index_record(instance, using=using)


def _on_delete(sender, instance, using="default", **kwargs):
    if uses_entries(using):
        remove_record(instance, using=using)


def connect_signals():
    for model in _BY_MODEL:
        post_save.connect(_on_save, sender=model, dispatch_uid=f"search-index-{model._meta.label_lower}")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"search-unindex-{model._meta.label_lower}")
