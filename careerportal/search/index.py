"""Keeps the search entries (models.SearchEntry) in step with the records.

Every save of a searchable record rewrites its entry and every delete removes
it, through the signals connected in apps.py. Writes that skip signals
(`QuerySet.update()`, `bulk_create()`) leave entries stale until
`manage.py rebuild_search_index` (or `rebuild()`) runs. Only PostgreSQL keeps
entries: the SQLite fallback searches the records themselves.
"""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import connections, transaction
from django.db.models.signals import post_delete, post_save

from .models import SearchEntry
from .registry import SEARCHABLE_TYPES

SEARCH_CONFIG = "english"
_BY_MODEL = {searchable.model: searchable for searchable in SEARCHABLE_TYPES}


def document_vector():
    """The weighted vector of an entry, from its own columns: title A, summary B, body C."""
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG)
    )


def _joined(record, names):
    return " ".join(str(value) for value in (getattr(record, name) for name in names) if value)


def entry_values(searchable, record):
    return {
        "label": str(getattr(record, searchable.title_fields[0]) or ""),
        "names": _joined(record, searchable.trigram_fields),
        "title": _joined(record, searchable.title_fields),
        "summary": _joined(record, searchable.summary_fields),
        "body": _joined(record, searchable.body_fields),
    }


def uses_entries(using="default"):
    return connections[using].vendor == "postgresql"


def index_record(record, *, using="default"):
    """Write the entry of one record (create or replace)."""
    searchable = _BY_MODEL[type(record)]
    content_type = ContentType.objects.db_manager(using).get_for_model(record)
    with transaction.atomic(using=using):
        entry, _created = SearchEntry.objects.using(using).update_or_create(
            content_type=content_type, object_id=record.pk, defaults=entry_values(searchable, record)
        )
        SearchEntry.objects.using(using).filter(pk=entry.pk).update(document=document_vector())


def remove_record(record, *, using="default"):
    content_type = ContentType.objects.db_manager(using).get_for_model(record)
    SearchEntry.objects.using(using).filter(content_type=content_type, object_id=record.pk).delete()


def rebuild(types=SEARCHABLE_TYPES, *, using="default"):
    """Rewrite every entry of these types from the records; returns the count per type."""
    counts = {}
    with transaction.atomic(using=using):
        for searchable in types:
            content_type = ContentType.objects.db_manager(using).get_for_model(searchable.model)
            SearchEntry.objects.using(using).filter(content_type=content_type).delete()
            entries = [
                SearchEntry(content_type=content_type, object_id=record.pk, **entry_values(searchable, record))
                for record in searchable.model._default_manager.using(using).iterator(chunk_size=2000)
            ]
            SearchEntry.objects.using(using).bulk_create(entries, batch_size=1000)
            counts[searchable.key] = len(entries)
        SearchEntry.objects.using(using).update(document=document_vector())
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
