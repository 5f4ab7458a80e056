"""Search on PostgreSQL: full-text search over each entry's stored weighted vector
(title A, summary B, body C), ranked with ts_rank, plus pg_trgm word similarity
on the names so that a typo still finds a record.

One ranking query for every type (a window keeps the best few per type), then
one query per type with hits for the records, through published(), with the
snippet (ts_headline) of those records only: 1 + (types with hits) queries.
"""

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connections
from django.db.models import Case, F, FloatField, OuterRef, Q, Subquery, TextField, Value, When, Window
from django.db.models.functions import Concat, RowNumber

from .index import SEARCH_CONFIG
from .models import SearchEntry
from .services import MARK_START, MARK_STOP, closed, groups_of, highlight, published_entries

# Index --------------------------------------------------------------------------------------


def document_vector(searchable):
    """A record's weighted vector, computed from its own fields: title A, summary B, body C."""
    weighted = [
        SearchVector(*fields, weight=weight, config=SEARCH_CONFIG)
        for fields, weight in (
            (searchable.title_fields, "A"),
            (searchable.summary_fields, "B"),
            (searchable.body_fields, "C"),
        )
        if fields
    ]
    vector = weighted[0]
    for part in weighted[1:]:
        vector = vector + part
    return vector


def write(written, *, using="default"):
    """Store the vector of each written entry, one UPDATE per type, read from the records."""
    by_type = {}
    for entry, searchable, _values in written:
        by_type.setdefault(searchable, []).append(entry.pk)
    for searchable, pks in by_type.items():
        vector = (
            searchable.model._default_manager.using(using)
            .filter(pk=OuterRef("object_id"))
            .annotate(vector=document_vector(searchable))
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


def matching(query, text_query):
    """Entries whose document matches the query, or whose names contain something
    like it (pg_trgm's word similarity ≥ 0.6). Both can be answered from the GIN
    indexes of migration 0002."""
    return Q(document=text_query) | Q(names__trigram_word_similar=query)


def ranked_entries(query, text_query, types, content_types):
    """Entries of published records matching the query, with `score` and their `place` within their type."""
    return (
        published_entries(types, content_types)
        .filter(matching(query, text_query))
        .annotate(
            # ts_rank gives partial credit to a document that has only some of the
            # words; only a document that matches the whole query earns its rank.
            # Each part is computed only for the rows its own condition matched.
            score=Case(
                When(document=text_query, then=SearchRank(F("document"), text_query)),
                default=Value(0.0),
                output_field=FloatField(),
            )
            + Case(
                When(names__trigram_word_similar=query, then=TrigramWordSimilarity(query, "names")),
                default=Value(0.0),
                output_field=FloatField(),
            )
            + Case(When(label__iexact=query, then=Value(1.0)), default=Value(0.0), output_field=FloatField()),
        )
        .annotate(
            place=Window(RowNumber(), partition_by=[F("content_type")], order_by=[F("score").desc(), F("object_id")])
        )
        .only("pk", "content_type_id", "object_id")
        .order_by()  # the places say the order; sorting here again would cost a sort
    )


def search(query, types, content_types, *, limit):
    text_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    ranked = sorted(
        ranked_entries(query, text_query, types, content_types).filter(place__lte=limit + 1),
        key=lambda entry: entry.place,
    )

    def records_of(searchable, ids):
        """The records, through published() again, each with the snippet of its summary and body."""
        text_fields = searchable.summary_fields + searchable.body_fields
        records = searchable.model.objects.published().annotate(
            snippet=SearchHeadline(
                Concat(*_spaced(text_fields), output_field=TextField()) if len(text_fields) > 1 else text_fields[0],
                text_query,
                config=SEARCH_CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
        return {pk: (record, closed(highlight(record.snippet))) for pk, record in records.in_bulk(ids).items()}

    return groups_of(ranked, types, content_types, limit=limit, records_of=records_of)


def _spaced(names):
    parts = []
    for name in names:
        parts += [Value(" "), F(name)] if parts else [F(name)]
    return parts
