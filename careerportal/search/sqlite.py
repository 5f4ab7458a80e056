"""Search on SQLite: an FTS5 table per language with the trigram tokenizer (SQLite
3.34+), `search_entry_fts_<language>`, holds each entry's title, summary, body and
names without accents (folding.fold; rowid = the entry's id; migrations 0003 and
0004 create them). Queries are folded the same way, so a search ignores accents.

* **Words.** Every word of three letters or more must appear somewhere in the
  record, as a case-insensitive substring (`"word"` phrases of trigrams, joined
  with AND); shorter words are matched with LIKE only when the query has nothing
  longer. Ranked with bm25, a word in the title weighing 10, in the summary 3, in
  the body 1, plus 10 when the query is exactly the code or name.
* **Typos.** The records whose names share the most trigrams with a word of the
  query (bm25 over the names, best TYPO_CANDIDATES) are kept when the word is
  like a word of their names (trigram similarity ≥ TYPO_SIMILARITY, as pg_trgm
  computes it): "biling" finds "Billing", "certifed" finds "Certified".

One query for the typo candidates, one ranking query for every type (a window
keeps the best few per type), then one per type with hits for the records,
through published(): 2 + (types with hits) queries.
"""

import json
import re
from functools import lru_cache

from django.db import connections

from .folding import fold
from .index import SEARCH_LANGUAGES
from .models import SearchEntry
from .registry import localized_text
from .services import (
    best_published,
    groups_of,
    published_parts,
    query_terms,
    records_by_pk,
    shown_records,
    text_snippet,
    window_places,
)

COLUMN_WEIGHTS = (10.0, 3.0, 1.0, 0.0)  # title, summary, body, names
EXACT_BONUS = 10.0
TYPO_CANDIDATES = 200
TYPO_SIMILARITY = 0.6  # as pg_trgm's word similarity threshold
_WORD = re.compile(r"\w+")

# Index --------------------------------------------------------------------------------------


def fts_table(language):
    """The FTS5 table of a language's entries; `language` is one of index.SEARCH_LANGUAGES."""
    if language not in SEARCH_LANGUAGES:
        raise ValueError(f"no search entries in {language!r}")
    return f"search_entry_fts_{language}"


def write(written, *, using="default"):
    by_language = {}
    for entry, _searchable, values in written:
        by_language.setdefault(entry.language, []).append(
            (entry.pk, *(fold(values[column]) for column in ("title", "summary", "body", "names")))
        )
    with connections[using].cursor() as cursor:
        for language, rows in by_language.items():
            table = fts_table(language)
            cursor.executemany(f"DELETE FROM {table} WHERE rowid = %s", [(row[0],) for row in rows])  # noqa: S608
            cursor.executemany(
                f"INSERT INTO {table} (rowid, title, summary, body, names) VALUES (%s, %s, %s, %s, %s)",  # noqa: S608
                rows,
            )


def forget(entries, *, using="default"):
    sql, params = entries.values("pk").query.sql_with_params()
    with connections[using].cursor() as cursor:
        for language in SEARCH_LANGUAGES:
            cursor.execute(f"DELETE FROM {fts_table(language)} WHERE rowid IN ({sql})", params)  # noqa: S608 - ORM SQL


def after_rebuild(*, using="default"):
    with connections[using].cursor() as cursor:
        for language in SEARCH_LANGUAGES:
            table = fts_table(language)
            cursor.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")  # noqa: S608 - a constant name


# Search -------------------------------------------------------------------------------------


def _phrase(text):
    return '"' + text.replace('"', '""') + '"'


@lru_cache(maxsize=8192)  # the words of names repeat across candidates and searches
def trigrams(word):
    """pg_trgm's trigrams of one word: lower case, two spaces before and one after."""
    padded = f"  {word.lower()} "
    return frozenset(padded[start : start + 3] for start in range(len(padded) - 2))


def similarity(mine, theirs):
    """pg_trgm's similarity of two words, from their trigrams: shared / all."""
    shared = len(mine & theirs)
    return shared / (len(mine) + len(theirs) - shared)


def word_similarity(query_trigrams, names):
    """How like the names the query is: each query word's best match among the
    words of the names, averaged over the query words (given as their trigrams,
    computed once for every candidate)."""
    name_trigrams = [trigrams(name) for name in dict.fromkeys(_WORD.findall(names))]
    if not name_trigrams:
        return 0.0
    best = (max(similarity(mine, theirs) for theirs in name_trigrams) for mine in query_trigrams)
    return sum(best) / len(query_trigrams)


def typo_matches(query, table, *, using="default"):
    """{entry id: score} of the entries whose names are like the (folded) query."""
    words = [word for word in _WORD.findall(query) if len(word) >= 3]
    if not words:
        return {}
    inner = {word.lower()[start : start + 3] for word in words for start in range(len(word) - 2)}
    expression = "names : (" + " OR ".join(_phrase(trigram) for trigram in sorted(inner)) + ")"
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, names FROM {table} WHERE {table} MATCH %s ORDER BY rank LIMIT %s",  # noqa: S608
            [expression, TYPO_CANDIDATES],
        )
        candidates = cursor.fetchall()
    query_trigrams = [trigrams(word) for word in words]
    found = {entry_id: word_similarity(query_trigrams, names) for entry_id, names in candidates}
    # A name like the query counts as much as a title match of the same strength.
    return {entry_id: score * COLUMN_WEIGHTS[0] for entry_id, score in found.items() if score >= TYPO_SIMILARITY}


def word_condition(terms, table):
    """The FTS5 condition (SQL, params) that every (folded) term appears somewhere."""
    long_terms = [term for term in terms if len(term) >= 3]
    if long_terms:
        return f"{table} MATCH %s", [" AND ".join(_phrase(term) for term in long_terms)]
    # Only short words: LIKE, which the trigram index cannot serve, over every column.
    each = "(" + " OR ".join(f"{column} LIKE %s ESCAPE '\\'" for column in ("title", "summary", "body")) + ")"
    escaped = [re.sub(r"([\\%_])", r"\\\1", term) for term in terms]
    return " AND ".join([each] * len(terms)), [f"%{term}%" for term in escaped for _column in range(3)]


def ranked_entries(query, terms, typos, types, content_types, *, limit, table, using="default"):
    """The best limit + 1 entries of published records per type, best first (services.best_published)."""

    def ranked_rows(per_type):
        return _ranked_rows(query, terms, typos, types, content_types, per_type=per_type, table=table, using=using)

    return best_published(ranked_rows, limit=limit)


def _ranked_rows(query, terms, typos, types, content_types, *, per_type, table, using):
    """(entry id, content type id, object id, score, published) of the best `per_type`
    matches of each type (all when None), best first."""
    parts = published_parts(types, content_types, correlated_to="entry.object_id")
    published_sql = " OR ".join(f"(entry.content_type_id = {type_id} AND EXISTS ({sql}))" for type_id, sql, _p in parts)
    published_params = [param for _id, _sql, params in parts for param in params]
    condition, condition_params = word_condition(terms, table) if terms else ("0", [])
    weights = ", ".join(str(weight) for weight in COLUMN_WEIGHTS)
    sql = f"""
        WITH words AS (
            SELECT rowid AS id, -bm25({table}, {weights}) AS score FROM {table} WHERE {condition}
        ),
        typos AS (SELECT CAST(key AS INTEGER) AS id, value AS score FROM json_each(%s)),
        matched AS (
            SELECT id, SUM(score) AS score FROM (SELECT * FROM words UNION ALL SELECT * FROM typos) GROUP BY id
        )
        SELECT id, content_type_id, object_id, score, ({published_sql}) FROM (
            SELECT entry.id, entry.content_type_id, entry.object_id, score, ROW_NUMBER() OVER (
                PARTITION BY entry.content_type_id ORDER BY score DESC, entry.object_id
            ) AS place
            FROM (
                SELECT entry.id, entry.content_type_id, entry.object_id,
                    matched.score + CASE WHEN lower(entry.label) = lower(%s) THEN {EXACT_BONUS} ELSE 0 END AS score
                FROM matched JOIN {SearchEntry._meta.db_table} AS entry ON entry.id = matched.id
            ) AS entry
        ) AS entry WHERE place <= %s ORDER BY place
    """  # noqa: S608 - names are constants, the published subquery is compiled by the ORM, values are parameters
    params = [
        *condition_params,
        json.dumps(typos),
        *published_params,
        query,
        window_places(per_type),
    ]
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def search(query, types, content_types, *, limit, language):
    table = fts_table(language)
    query = fold(query)
    terms = query_terms(query)
    typos = typo_matches(query, table)
    if not terms and not typos:
        return []
    ranked = ranked_entries(query, terms, typos, types, content_types, limit=limit, table=table)

    def records_of(searchable, ids):
        text_fields = searchable.summary_fields + searchable.body_fields
        records = records_by_pk(
            ("texts", searchable.model, language),
            lambda at: shown_records(searchable, language, *text_fields, at=at),
            ids,
        )
        return {
            pk: (record, text_snippet(snippet_text(searchable, record, language), terms))
            for pk, record in records.items()
        }

    return groups_of(ranked, types, content_types, limit=limit, language=language, records_of=records_of)


def snippet_text(searchable, record, language):
    """A record's summary and body in `language`, the text its snippet is cut from."""
    texts = (localized_text(record, name, language) for name in searchable.summary_fields + searchable.body_fields)
    return " ".join(text for text in texts if text)
