"""Keeps the search entries (models.SearchEntry) in step with the records.

Every save of a searchable record rewrites its entry and every delete removes
it, through the signals connected in apps.py. Writes that skip signals
(`QuerySet.update()`, `bulk_create()`) leave entries stale until
`manage.py rebuild_search_index` (or `rebuild()`) runs.

What each database adds to an entry lives in one module per backend, with the
same three functions (`write`, `forget`, `after_rebuild`): postgresql.py stores
the weighted vector, sqlite.py the text in an FTS5 trigram table. A database
with neither keeps no entries.

A record has an entry in every language of settings.LANGUAGES, made of the
record's text in that language; where a field has no text in that language,
the default language's text stands in, so a Spanish visitor still finds a
record written only in English.
"""

import importlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language

from .folding import fold
from .models import SearchEntry
from .registry import SEARCHABLE_TYPES, localized_text

SEARCH_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
BACKENDS = {"postgresql": "careerportal.search.postgresql", "sqlite": "careerportal.search.sqlite"}
_BY_MODEL = {searchable.model: searchable for searchable in SEARCHABLE_TYPES}


def search_language(language=None):
    """The language whose entries a search reads: the one given, else the active
    one; the default language when that has no entries."""
    language = language or get_language()
    return language if language in SEARCH_LANGUAGES else settings.LANGUAGE_CODE


def _joined(record, names, language):
    return " ".join(text for text in (localized_text(record, name, language) for name in names) if text)


def entry_values(searchable, record, language):
    """The label and names the entry stores (without accents), and the text each
    backend indexes, in `language`."""
    return {
        "label": fold(localized_text(record, searchable.title_fields[0], language)),
        "names": fold(_joined(record, searchable.trigram_fields, language)),
        "title": _joined(record, searchable.title_fields, language),
        "summary": _joined(record, searchable.summary_fields, language),
        "body": _joined(record, searchable.body_fields, language),
    }


ENTRY_FIELDS = ("label", "names")


def backend(using="default"):
    """The module that indexes and searches entries on this database, or None."""
    module = BACKENDS.get(connections[using].vendor)
    return importlib.import_module(module) if module else None


def uses_entries(using="default"):
    return backend(using) is not None


def index_record(record, *, using="default"):
    """Write the entries of one record, one per language (create or replace)."""
    searchable = _BY_MODEL[type(record)]
    content_type = ContentType.objects.db_manager(using).get_for_model(record)
    written = []
    with transaction.atomic(using=using):
        for language in SEARCH_LANGUAGES:
            values = entry_values(searchable, record, language)
            entry, _created = SearchEntry.objects.using(using).update_or_create(
                content_type=content_type,
                object_id=record.pk,
                language=language,
                defaults={name: values[name] for name in ENTRY_FIELDS},
            )
            written.append((entry, searchable, values))
        backend(using).write(written, using=using)


def remove_record(record, *, using="default"):
    content_type = ContentType.objects.db_manager(using).get_for_model(record)
    entries = SearchEntry.objects.using(using).filter(content_type=content_type, object_id=record.pk)
    with transaction.atomic(using=using):
        backend(using).forget(entries, using=using)
        entries.delete()


def rebuild(types=SEARCHABLE_TYPES, *, using="default"):
    """Rewrite every entry of these types from the records, in every language;
    returns the count of records per type."""
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
                for language in SEARCH_LANGUAGES:
                    values = entry_values(searchable, record, language)
                    entry = SearchEntry(
                        content_type=content_type,
                        object_id=record.pk,
                        language=language,
                        **{name: values[name] for name in ENTRY_FIELDS},
                    )
                    written.append((entry, searchable, values))
            SearchEntry.objects.using(using).bulk_create([entry for entry, _s, _v in written], batch_size=1000)
            indexer.write(written, using=using)
            counts[searchable.key] = len(written) // len(SEARCH_LANGUAGES)
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
