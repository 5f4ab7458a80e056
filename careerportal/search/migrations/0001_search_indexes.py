"""pg_trgm and the search indexes, on PostgreSQL only (SQLite has neither).

Each `document` below is the same expression as the weighted vector that
careerportal.search.services.search_vector() builds from registry.py, so the
planner answers `document @@ query` from the GIN index instead of reading every
row; the trigram indexes, on services.TrigramText of each type's names, serve
the `%` and `%>` typo-tolerant matches. tests/search/test_migrations.py checks
that PostgreSQL uses them."""

from django.db import migrations


def _joined(*columns):
    return " || ' ' || ".join(f"COALESCE(\"{column}\", '')" for column in columns)


def _vector(weight, *columns):
    return f"setweight(to_tsvector('english'::regconfig, {_joined(*columns)}), '{weight}')"


def _document(title, summary, body=()):
    document = f"({_vector('A', *title)} || {_vector('B', *summary)})"
    if body:
        document = f"({document} || {_vector('C', *body)})"
    return document


# table, weighted document, the names typos are forgiven in (services.TrigramText)
SEARCH_INDEXES = [
    (
        "certifications_certification",
        _document(["code", "name"], ["summary"], ["description", "prerequisites"]),
        _joined("code", "name"),
    ),
    (
        "qualifications_qualificationpath",
        _document(["name", "role"], ["summary"], ["description"]),
        _joined("name"),
    ),
    (
        "qualifications_educationstep",
        _document(["name"], ["summary"], ["description", "covers"]),
        _joined("name"),
    ),
    (
        "qualifications_skill",
        _document(["name"], ["summary"], ["on_the_job", "how_to_build"]),
        _joined("name"),
    ),
    ("qualifications_careertopic", _document(["title"], ["summary"], ["description"]), _joined("title")),
    ("qualifications_outlookfigure", _document(["label"], ["occupation"], ["period"]), _joined("label")),
    (
        "certifications_codeset",
        _document(["name", "full_name"], ["codes_what"], ["maintainer", "update_cadence"]),
        _joined("name", "full_name"),
    ),
    (
        "certifications_certifyingbody",
        _document(["abbreviation", "name"], ["summary"]),
        _joined("abbreviation", "name"),
    ),
]


def create_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, document, names in SEARCH_INDEXES:
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{table}_search" ON "{table}" USING gin (({document}))')
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{table}_trgm" ON "{table}" USING gin (({names}) gin_trgm_ops)'
        )


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, _document, _names in SEARCH_INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{table}_search"')
        schema_editor.execute(f'DROP INDEX IF EXISTS "{table}_trgm"')
    # Left in place if anything else has come to depend on it.
    schema_editor.execute(
        "DO $$ BEGIN DROP EXTENSION IF EXISTS pg_trgm; "
        "EXCEPTION WHEN dependent_objects_still_exist THEN NULL; END $$"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("certifications", "0001_initial"),
        ("qualifications", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_search_indexes, drop_search_indexes, elidable=False),
    ]
