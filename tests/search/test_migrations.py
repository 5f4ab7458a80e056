"""The search migration: pg_trgm and the indexes on PostgreSQL, nothing on SQLite."""

import importlib

import pytest
from django.db import connection

from careerportal.search.registry import SEARCHABLE_TYPES
from careerportal.search.services import postgres_queryset

pytestmark = pytest.mark.django_db

migration = importlib.import_module("careerportal.search.migrations.0001_search_indexes")


def index_names():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE indexname LIKE %s OR indexname LIKE %s", ["%_search", "%_trgm"]
        )
        return {row[0] for row in cursor.fetchall()}


def test_migration_covers_every_searchable_table():
    assert [table for table, _document, _names in migration.SEARCH_INDEXES] == [
        searchable.model._meta.db_table for searchable in SEARCHABLE_TYPES
    ]


class RecordingEditor:
    def __init__(self):
        self.connection = connection
        self.statements = []

    def execute(self, sql, params=()):
        self.statements.append(sql)


@pytest.mark.skipif(connection.vendor == "postgresql", reason="checks the SQLite no-op")
def test_on_sqlite_the_migration_runs_no_sql():
    editor = RecordingEditor()
    migration.create_search_indexes(None, editor)
    migration.drop_search_indexes(None, editor)
    assert editor.statements == []


@pytest.mark.postgres
def test_pg_trgm_is_installed():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() == (1,)


@pytest.mark.postgres
def test_every_type_has_a_text_index_and_a_trigram_index():
    tables = {searchable.model._meta.db_table for searchable in SEARCHABLE_TYPES}
    assert index_names() == {f"{table}_search" for table in tables} | {f"{table}_trgm" for table in tables}


@pytest.mark.postgres
@pytest.mark.parametrize("searchable", SEARCHABLE_TYPES, ids=lambda searchable: searchable.key)
def test_search_query_uses_both_indexes(searchable):
    """If services.py and the migration ever disagree on an expression, the
    planner can no longer use the index and this fails."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the test tables are tiny
    plan = postgres_queryset("certifed profesional coder", searchable).explain()
    table = searchable.model._meta.db_table
    assert f"Bitmap Index Scan on {table}_search" in plan
    assert f"Bitmap Index Scan on {table}_trgm" in plan


@pytest.mark.postgres
def test_migration_can_be_reversed_and_applied_again():
    with connection.schema_editor() as editor:
        migration.drop_search_indexes(None, editor)
    assert index_names() == set()
    with connection.schema_editor() as editor:
        migration.create_search_indexes(None, editor)
    assert len(index_names()) == 2 * len(SEARCHABLE_TYPES)
