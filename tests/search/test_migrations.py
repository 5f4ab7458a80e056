"""The search migrations: pg_trgm, the search entries and their indexes on
PostgreSQL; on SQLite the entries and their FTS5 trigram table (0003)."""

import importlib

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from careerportal.search.models import SearchEntry
from careerportal.search.postgresql import ranking_sql
from careerportal.search.registry import SEARCHABLE_TYPES
from careerportal.search.services import UNPUBLISHED_SLACK, search
from tests.factories import CertificationFactory

pytestmark = pytest.mark.django_db

first = importlib.import_module("careerportal.search.migrations.0001_search_indexes")
entries = importlib.import_module("careerportal.search.migrations.0002_search_entries")

ENTRY_INDEXES = {
    "search_entry_document_en",
    "search_entry_names_trgm_en",
    "search_entry_document_es",
    "search_entry_names_trgm_es",
}
LATEST = ("search", "0004_entries_per_language")


def search_index_names():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE indexname LIKE %s OR indexname LIKE %s OR indexname LIKE %s",
            ["%\\_search", "%\\_trgm", "search\\_entry\\_%"],
        )
        return {row[0] for row in cursor.fetchall()}


class RecordingEditor:
    def __init__(self):
        self.connection = connection
        self.statements = []

    def execute(self, sql, params=()):
        self.statements.append(sql)


def test_entry_migration_copies_the_fields_the_registry_names():
    registry = {
        (searchable.model._meta.app_label, searchable.model._meta.model_name): (
            list(searchable.title_fields),
            list(searchable.summary_fields),
            list(searchable.body_fields),
            list(searchable.trigram_fields),
        )
        for searchable in SEARCHABLE_TYPES
    }
    # Changed since that migration, and indexed on save or by `manage.py rebuild_search_index`:
    # occupations became a type, and a figure's "occupation" text became "group" (the same column).
    del registry["qualifications", "occupation"]
    assert registry["qualifications", "outlookfigure"][1] == ["group"]
    registry["qualifications", "outlookfigure"][1][:] = ["occupation"]
    assert registry == entries.FIELDS


@pytest.mark.skipif(connection.vendor == "postgresql", reason="checks the SQLite no-op")
def test_on_sqlite_the_first_two_migrations_run_no_sql_of_their_own():
    editor = RecordingEditor()
    first.create_search_indexes(apps, editor)
    first.drop_search_indexes(apps, editor)
    entries.index_entries(apps, editor)
    entries.unindex_entries(apps, editor)
    assert editor.statements == []


@pytest.mark.postgres
def test_pg_trgm_is_installed():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() == (1,)


@pytest.mark.postgres
def test_only_the_entry_indexes_remain():
    assert search_index_names() == ENTRY_INDEXES


@pytest.mark.postgres
@pytest.mark.parametrize("query", ["medical coder", "certifed profesional coder", "codificación médica"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_matching_entries_are_found_through_both_indexes_of_the_language(query, language):
    """The tables are empty here, so sequential scans are switched off to see
    which indexes the planner can use at all, and the unique index (which holds
    the language too, and looks as cheap as any on an empty table) is dropped
    for the length of the test. The entries table is truncated first (rolled back
    with the test): rows other tests wrote and deleted leave it physically large
    until a vacuum, and the planner then scans a language's document index for the
    names branch instead, which made this test depend on the tests run before it."""
    content_types = ContentType.objects.get_for_models(*(searchable.model for searchable in SEARCHABLE_TYPES))
    sql, params = ranking_sql(query, SEARCHABLE_TYPES, content_types, per_type=6 + UNPUBLISHED_SLACK, language=language)
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE search_searchentry")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("ALTER TABLE search_searchentry DROP CONSTRAINT unique_search_entry")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"Bitmap Index Scan on search_entry_document_{language}" in plan
    assert f"Bitmap Index Scan on search_entry_names_trgm_{language}" in plan, plan


@pytest.mark.django_db(transaction=True)
def test_narrowing_the_entries_can_be_reversed_and_applied_again_and_search_still_works():
    certification = CertificationFactory(code="CPC", name="Certified Professional Coder", description="Long text.")
    executor = MigrationExecutor(connection)
    executor.migrate([("search", "0002_search_entries")])
    old_apps = executor.loader.project_state([("search", "0002_search_entries")]).apps
    old_entries = old_apps.get_model("search", "SearchEntry").objects
    if connection.vendor == "postgresql":  # the text is back, refilled from the records
        entry = old_entries.get(object_id=certification.pk, content_type__model="certification")
        assert (entry.title, entry.body) == ("CPC Certified Professional Coder", "Long text.")
    else:  # 0002 kept no entries on SQLite
        assert not old_entries.exists()
    executor = MigrationExecutor(connection)
    executor.migrate([LATEST])
    assert SearchEntry.objects.count() == 2  # the certification and its body, in English
    assert [hit.title for group in search("certifed profesional") for hit in group.hits][0] == (
        "CPC — Certified Professional Coder"
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_entry_migrations_can_be_reversed_and_applied_again():
    MigrationExecutor(connection).migrate([("search", "0001_search_indexes")])
    assert search_index_names() == {f"{table}_search" for table, _d, _n in first.SEARCH_INDEXES} | {
        f"{table}_trgm" for table, _d, _n in first.SEARCH_INDEXES
    }
    MigrationExecutor(connection).migrate([LATEST])
    assert search_index_names() == ENTRY_INDEXES
