"""Search on PostgreSQL: full-text search over each entry's stored weighted vector
(title A, summary B, body C), ranked with ts_rank, plus pg_trgm word similarity
on the names so that a typo still finds a record.

Each language has its text search configuration (QUERY_CONFIGS; made by
migration 0004): accents are removed before stemming, so "codificacion" and
"codificación" are the same query and find the same records. Spanish text is
stored stemmed both ways (DOCUMENT_CONFIGS), also with its accents (`spanish`),
because the Spanish stemmer knows suffixes like "-ación" only with their
accents: so "facturadores" (stem "factur") finds "facturación" too.

One ranking query for every type (a window keeps the best few per type), then
one query per type with hits for the records, through published(), with the
snippet (ts_headline) of those records only: 1 + (types with hits) queries.
The ranking query is SQL of its own because the ORM cannot express its shape:
full-text matches and names like the query found separately, each through its
own GIN index, then added up; see docs/search.md for the measurements.
"""

from functools import partial, reduce
from operator import add

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchVector,
)
from django.db import connections
from django.db.models import F, Func, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce, NullIf

from .folding import fold
from .models import SearchEntry
from .services import (
    MARK_START,
    MARK_STOP,
    best_published,
    closed,
    groups_of,
    highlight,
    published_parts,
    records_by_pk,
    shown_records,
    window_places,
)

QUERY_CONFIGS = {"en": "en_unaccent", "es": "es_unaccent"}  # the queries and the snippets
DOCUMENT_CONFIGS = {"en": ("en_unaccent",), "es": ("spanish", "es_unaccent")}  # the stored vectors

# Index --------------------------------------------------------------------------------------


def localized(searchable, name, language):
    """A field's text in `language` as an expression: its translation, else the default language's."""
    columns = searchable.columns((name,), language)
    if len(columns) == 1:
        return F(columns[0])
    return Coalesce(*(NullIf(F(column), Value("")) for column in columns), output_field=TextField())


def document_vector(searchable, language):
    """A record's weighted vector in `language`, computed from its own fields: title A, summary B, body C."""
    weighted = [
        SearchVector(*(localized(searchable, name, language) for name in fields), weight=weight, config=config)
        for fields, weight in (
            (searchable.title_fields, "A"),
            (searchable.summary_fields, "B"),
            (searchable.body_fields, "C"),
        )
        if fields
        for config in DOCUMENT_CONFIGS[language]
    ]
    return reduce(add, weighted)


def write(written, *, using="default"):
    """Store the vector of each written entry, one UPDATE per type and language, read from the records."""
    by_type = {}
    for entry, searchable, _values in written:
        by_type.setdefault((searchable, entry.language), []).append(entry.pk)
    for (searchable, language), pks in by_type.items():
        vector = (
            searchable.model._default_manager.using(using)
            .filter(pk=OuterRef("object_id"))
            .annotate(vector=document_vector(searchable, language))
            .values("vector")
        )
        SearchEntry.objects.using(using).filter(pk__in=pks).update(document=Subquery(vector))


def forget(entries, *, using="default"):
    """Nothing outside the entry itself to remove."""


def after_rebuild(*, using="default"):
    """Fresh statistics, so the planner sees how many entries a query matches."""
    with connections[using].cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")


# Search -------------------------------------------------------------------------------------


RANKING_SQL = """
    WITH matched AS (
        -- ts_rank only for the documents that match the whole query (it gives
        -- partial credit otherwise), word similarity only for names like it: each
        -- branch reads its own index (the partial index of the language, which
        -- the constant language selects) and scores only its own matches.
        SELECT id, content_type_id, object_id, label, ts_rank(document, text_query) AS score
        FROM search_searchentry, websearch_to_tsquery(%s::regconfig, %s) AS text_query
        WHERE language = %s AND document @@ text_query
        UNION ALL
        SELECT id, content_type_id, object_id, label, word_similarity(%s, names)
        FROM search_searchentry WHERE language = %s AND names %%> %s
    ),
    scored AS (
        SELECT id, content_type_id, object_id,
            SUM(score) + CASE WHEN UPPER(label) = UPPER(%s) THEN 1 ELSE 0 END AS score
        FROM matched GROUP BY id, content_type_id, object_id, label
    )
    -- Whether a record is published is asked only for the rows the window keeps.
    SELECT id, content_type_id, object_id, score, ({published}) FROM (
        SELECT *, ROW_NUMBER() OVER (PARTITION BY content_type_id ORDER BY score DESC, object_id) AS place FROM scored
    ) AS entry
    WHERE place <= %s ORDER BY place
"""


def ranking_sql(query, types, content_types, *, per_type, language):
    """SQL and parameters of the ranking query: (entry id, content type id, object
    id, score, published) of the best `per_type` matches in `language` of each type
    (every match when None), best first. The published subqueries are compiled by
    the ORM; every value is a parameter. Names and labels are stored without
    accents, so they are compared with the query without them."""
    # One primary-key lookup per kept row and type. OFFSET 0 keeps the planner from
    # turning each EXISTS into a hashed list of every published record of the type
    # (a sequential scan of every content table, 12 ms for "coder"), which the
    # earlier shape (the published list joined to every match) paid for every query.
    parts = published_parts(types, content_types, correlated_to="entry.object_id")
    published = " OR ".join(
        f"(entry.content_type_id = {content_type_id} AND EXISTS (SELECT FROM ({sql}) AS part OFFSET 0))"  # noqa: S608
        for content_type_id, sql, _p in parts
    )
    published_params = [param for _id, _sql, params in parts for param in params]
    folded = fold(query)
    return RANKING_SQL.format(published=published), [
        QUERY_CONFIGS[language],
        query,
        language,
        folded,
        language,
        folded,
        folded,
        *published_params,
        window_places(per_type),
    ]


def ranked_entries(query, types, content_types, *, limit, language, using="default"):
    """The best limit + 1 entries of published records per type, best first (services.best_published)."""

    def ranked_rows(per_type):
        with connections[using].cursor() as cursor:
            cursor.execute(*ranking_sql(query, types, content_types, per_type=per_type, language=language))
            return cursor.fetchall()

    return best_published(ranked_rows, limit=limit)


def search(query, types, content_types, *, limit, language):
    ranked = ranked_entries(query, types, content_types, limit=limit, language=language)

    def records_of(searchable, ids):
        """The records, through published() again, each with the snippet of its summary and body."""
        records = records_by_pk(
            ("headline", searchable.model, language), partial(_with_snippets, searchable, language), ids, query=query
        )
        return {pk: (record, closed(highlight(record.snippet))) for pk, record in records.items()}

    return groups_of(ranked, types, content_types, limit=limit, language=language, records_of=records_of)


def _with_snippets(searchable, language, *, at, query):
    """The shown records of a type (published at `at`), each with the snippet of its summary and body."""
    text_query = SearchQuery(query, search_type="websearch", config=QUERY_CONFIGS[language])
    texts = [localized(searchable, name, language) for name in searchable.summary_fields + searchable.body_fields]
    return shown_records(searchable, language, at=at).annotate(
        snippet=SearchHeadline(
            _joined(texts),
            text_query,
            config=QUERY_CONFIGS[language],
            start_sel=MARK_START,
            stop_sel=MARK_STOP,
            max_words=30,
            min_words=12,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
    )


def _joined(texts):
    """The texts with a space between them, as one SQL CONCAT(): the text of
    Django's Concat (NULL counts as empty in both) at a fraction of its cost to
    compile (a pair of COALESCEs per text, compiled for every group of hits)."""
    if len(texts) == 1:
        return texts[0]
    return Func(*_spaced(texts), function="CONCAT", output_field=TextField())


def _spaced(texts):
    parts = []
    for text in texts:
        parts += [Value(" "), text] if parts else [text]
    return parts
