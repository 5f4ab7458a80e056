"""Site search: what both databases share (cleaning the query, hits and groups,
snippets, the published filter). The matching and ranking live in one module per
database, chosen by its vendor (index.backend()): postgresql.py (full-text search
over stored vectors, pg_trgm for typos) and sqlite.py (FTS5 with the trigram
tokenizer, typos through trigram similarity of the names). Both return published
records only, grouped by type.
"""

import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.expressions import RawSQL
from django.db.models.query import ModelIterable, get_related_populators
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from certifications.models import Certification
from qualifications.models import QualificationPath

from .folding import matched_spans
from .index import backend, search_language
from .registry import SEARCHABLE_TYPES

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10  # words SQLite matches; more would only slow it down
PER_GROUP = 5
PER_GROUP_ONE_TYPE = 50
SUGGESTIONS = 6  # of each kind
UNPUBLISHED_SLACK = 10  # drafts and scheduled records among the best matches of a type, checked at once
# Private-use characters mark the highlighted words in the database's snippet, so
# the snippet can be HTML-escaped as a whole and only these become <mark> tags.
MARK_START = "\ue000"
MARK_STOP = "\ue001"
_MARKS = re.compile(f"([{MARK_START}{MARK_STOP}])")
_DROPPED_CATEGORIES = {"Cc", "Cs", "Co", "Cn"}  # controls (NUL too), surrogates, private use, unassigned
_TERM_PUNCTUATION = "\"'()[]{}<>.,;:!?*+|&~^"


def normalize_query(raw):
    """The query as the search sees it, and whether it had to be shortened.

    Control characters (NUL included: PostgreSQL rejects it), surrogates and
    private-use characters become spaces; runs of white space become one space.
    """
    text = unicodedata.normalize("NFC", raw or "")
    text = "".join(" " if unicodedata.category(char) in _DROPPED_CATEGORIES else char for char in text)
    text = " ".join(text.split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text, False
    return text[:MAX_QUERY_LENGTH].rstrip(), True


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    snippet: str  # safe HTML: escaped text with <mark> around matched words
    score: float


class Ranked(NamedTuple):
    """A search entry as a backend's ranking query returns it."""

    pk: int
    content_type_id: int
    object_id: int
    score: float


@dataclass
class Group:
    type: object  # a registry.SearchableType
    hits: list = field(default_factory=list)
    has_more: bool = False

    @property
    def key(self):
        return self.type.key

    @property
    def label(self):
        return self.type.label

    @property
    def best_score(self):
        return self.hits[0].score if self.hits else 0


def search(query, *, types=SEARCHABLE_TYPES, limit=PER_GROUP, language=None):
    """Groups of hits for a normalized query among the entries of `language` (by
    default the active language), the best group first; [] for an empty query."""
    if not query:
        return []
    searcher = backend()
    if searcher is None:
        return []
    content_types = ContentType.objects.get_for_models(*(searchable.model for searchable in types))
    groups = searcher.search(query, types, content_types, limit=limit, language=search_language(language))
    # A stable sort: groups that score the same keep the registry's order.
    return sorted((group for group in groups if group.hits), key=lambda group: -group.best_score)


def suggestions(count=SUGGESTIONS):
    """Pages to start from when there is nothing (or nothing found) to show:
    the first paths and entry-level certifications in the editors' order."""
    paths = QualificationPath.objects.published().only("slug", "name")[:count]
    certifications = Certification.objects.published().entry_level().only("slug", "code", "name")[:count]
    return {"paths": list(paths), "certifications": list(certifications)}


def closed(snippet):
    """An ellipsis where the database's snippet stops mid-sentence."""
    if snippet and not snippet.rstrip().endswith((".", "!", "?", "…", ":")):
        return mark_safe(snippet + " …")  # noqa: S308 - snippet is already safe HTML
    return snippet


def highlight(marked_text):
    """Escape a snippet, turning each MARK_START…MARK_STOP pair into <mark>…</mark>.
    A stray marker that came from the content itself is dropped."""
    parts, inside = [], False
    for piece in _MARKS.split(marked_text or ""):
        if piece == MARK_START:
            if not inside:
                parts.append("<mark>")
                inside = True
        elif piece == MARK_STOP:
            if inside:
                parts.append("</mark>")
                inside = False
        else:
            parts.append(escape(piece))
    if inside:
        parts.append("</mark>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


# Shared by the backends ---------------------------------------------------------------


def query_terms(query):
    terms = (term.strip(_TERM_PUNCTUATION) for term in query.split())
    return list(dict.fromkeys(term for term in terms if term))[:MAX_TERMS]


def text_snippet(text, terms, *, width=220):
    """About `width` characters of `text` around the first matched term, terms
    marked (ignoring case and accents)."""
    text = " ".join(text.split())
    spans = matched_spans(text, terms)
    first = next(spans, None)
    start = 0
    if first and first[1] > width:
        start = text.rfind(" ", 0, max(first[0] - width // 3, 0)) + 1
    end = start + width
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    marked, done = [], start
    for span_start, span_end in itertools.chain([first] if first else [], spans):
        if span_end > end:
            break
        if span_start >= start:
            marked += [text[done:span_start], MARK_START, text[span_start:span_end], MARK_STOP]
            done = span_end
    marked.append(text[done:end])
    snippet = highlight("".join(marked))
    return mark_safe(("… " if start else "") + snippet + (" …" if end < len(text) else ""))  # noqa: S308


def published_parts(types, content_types, *, correlated_to=None):
    """(content type id, SQL, parameters) selecting the ids of the published records
    of each type, compiled by the ORM from `published()`, for a backend's ranking
    query; with `correlated_to` (a column of that query, such as "entry.object_id")
    only the record with that id. Whether a record is published is read from the
    record itself, never copied into its entry."""
    return [
        (int(content_types[searchable.model].pk), *published_sql(searchable.model, correlated_to))
        for searchable in types
    ]


#: The moment compiled queries are compiled with, found again among the parameters (never a real "now").
_COMPILED_AT = datetime(2000, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)


class _Compiled(NamedTuple):
    """SQL compiled once with placeholder values, and where each call's values go."""

    sql: str
    params: tuple
    sources: dict  # index of a placeholder parameter: ("moment", in datetime form?), ("ids", place) or ("values", name)

    @classmethod
    def of(cls, sql, params, *, ids=(), values=None):
        """Find the placeholders (_COMPILED_AT in either of its forms, `ids`, the strings of `values`) among the
        parameters. Each must be there: SQL that took a placeholder apart could not be filled in again."""
        values = values or {}
        moments = (_COMPILED_AT, connection.ops.adapt_datetimefield_value(_COMPILED_AT))
        sources = {}
        for index, param in enumerate(params):
            if isinstance(param, int) and not isinstance(param, bool) and param in ids:
                sources[index] = ("ids", ids.index(param))
            elif isinstance(param, str) and param in values.values():
                sources[index] = ("values", next(name for name, text in values.items() if text == param))
            elif param in moments:
                sources[index] = ("moment", isinstance(param, datetime))
        found = [place for kind, place in sources.values() if kind != "moment"]
        if sorted(found, key=str) != sorted([*range(len(ids)), *values], key=str):
            raise ValueError("the compiled SQL does not carry each placeholder once as a parameter")
        return cls(sql, tuple(params), sources)

    def params_for(self, *, ids=(), values=None):
        """The parameters of one call: the current moment, and these `ids` and `values`, in their places."""
        now = timezone.now()
        current = {
            "moment": {True: now, False: connection.ops.adapt_datetimefield_value(now)},
            "ids": ids,
            "values": values or {},
        }
        return [
            current[self.sources[index][0]][self.sources[index][1]] if index in self.sources else param
            for index, param in enumerate(self.params)
        ]


_COMPILED_PUBLISHED = {}  # (vendor, model, correlated_to): _Compiled


def published_sql(model, correlated_to=None):
    """SQL and parameters of the ids of `model.objects.published()` (see published_parts).

    Compiling the nine querysets took 8-10 ms of every search, so the SQL is
    compiled once per process and type, with published(at=) a fixed moment; each
    call puts the current moment in that parameter's place, in the form the
    compilation gave it (a datetime, or SQLite's text)."""
    key = (connection.vendor, model, correlated_to)
    if key not in _COMPILED_PUBLISHED:
        records = model.objects.published(at=_COMPILED_AT).order_by()
        if correlated_to:
            records = records.filter(pk=RawSQL(correlated_to, []))  # noqa: S611 - a column name from the backend
        _COMPILED_PUBLISHED[key] = _Compiled.of(*records.values("pk").query.sql_with_params())
    compiled = _COMPILED_PUBLISHED[key]
    return compiled.sql, compiled.params_for()


def window_places(per_type):
    """The bound of a ranking query's window for the best `per_type` matches of each type; None: every match."""
    return 2**62 if per_type is None else per_type


def best_published(ranked_rows, *, limit):
    """The best limit + 1 entries of published records per type, best first, as Ranked.

    `ranked_rows(per_type)` runs a backend's ranking query: (entry id, content type
    id, object id, score, published) of the best `per_type` matches of each type (all
    when None), best first, whether each is published looked up through
    published_parts(..., correlated_to=...) for those rows only. It runs with
    limit + 1 + UNPUBLISHED_SLACK places per type; when a type has so many
    unpublished records among those that it could lose a published one, it runs
    again checking every match."""
    wanted = limit + 1
    checked = wanted + UNPUBLISHED_SLACK
    rows = ranked_rows(checked)
    matches, published = Counter(row[1] for row in rows), Counter(row[1] for row in rows if row[4])
    # A type with all its checked places taken but too few published among them may have more further down.
    if any(matches[type_id] == checked and published[type_id] < wanted for type_id in matches):
        rows = ranked_rows(None)
    kept, places = [], Counter()
    for pk, type_id, object_id, score, is_published in rows:
        if is_published and places[type_id] < wanted:
            places[type_id] += 1
            kept.append(Ranked(pk, type_id, object_id, score))
    return kept


def shown_records(searchable, language, *more_fields, at=None):
    """The published records (at the moment `at`, by default now) of a type with
    only what a hit shows: its title fields in `language` and the slug its address
    is made of (every searchable type's get_absolute_url() reads only its slug, and
    the slug of the record its manager fetches along for the address), and the text
    of any `more_fields`."""
    records = searchable.model.objects.published(at=at)
    along = records.query.select_related
    address = [f"{name}__slug" for name in along] if isinstance(along, dict) else []
    return records.only("slug", *searchable.columns(searchable.title_fields + more_fields, language), *address)


_COMPILED_RECORDS = {}  # (vendor, alias, key, number of ids): _CompiledRecords
#: The ids the records' SQL is compiled with (within any integer primary key's range, never a real id).
_COMPILED_IDS = -2_000_000_000


class _CompiledRecords(NamedTuple):
    """The records' SQL, and what Django's ModelIterable works out from its compiler to make records of the rows."""

    query: _Compiled
    columns: int  # of the rows, the ones records are made of (Django's col_count)
    converters: list  # (column, (converters, expression)) as compiler.get_converters() gives them
    model: type
    init_list: list  # the attnames of the record's own columns, in order
    fields_start: int
    fields_end: int
    related_populators: list
    annotation_col_map: dict


def records_by_pk(key, records, ids, **values):
    """{pk: record} as `records(at=..., **values).in_bulk(ids)` gives it, but with
    the SQL compiled once per process, `key` and number of ids, as published_sql()
    does: the ORM spent about 1 ms per type and search compiling the same query
    with other ids (9 types with hits for "coder").

    `records(at, **values)` gives the queryset (at: the moment published() is
    compiled with); the ids, the moment and each of `values` (strings) are found
    again among the compiled parameters, and each call puts the current ones in
    their places. The rows become records as Django's ModelIterable makes them,
    select_related and annotations included."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return {}
    compiled_key = (connection.vendor, connection.alias, key, len(ids))
    if compiled_key not in _COMPILED_RECORDS:
        _COMPILED_RECORDS[compiled_key] = _compiled_records(records, len(ids), values)
    compiled = _COMPILED_RECORDS[compiled_key]
    with connection.cursor() as cursor:
        cursor.execute(compiled.query.sql, compiled.query.params_for(ids=ids, values=values))
        rows = cursor.fetchall()
    found = {}
    for fetched in rows:
        row = list(fetched[: compiled.columns])
        for position, (converters, expression) in compiled.converters:
            for converter in converters:
                row[position] = converter(row[position], expression, connection)
        own_columns = row[compiled.fields_start : compiled.fields_end]
        record = compiled.model.from_db(connection.alias, compiled.init_list, own_columns)
        for populator in compiled.related_populators:
            populator.populate(row, record)
        for name, position in compiled.annotation_col_map.items():
            setattr(record, name, row[position])
        found[record.pk] = record
    return found


def _compiled_records(records, count, values):
    placeholder_ids = [_COMPILED_IDS - number for number in range(count)]
    placeholders = {name: f"{MARK_START}compiled {name}{MARK_STOP}" for name in values}
    queryset = records(at=_COMPILED_AT, **placeholders).filter(pk__in=placeholder_ids)
    if (
        queryset._known_related_objects
        or queryset._prefetch_related_lookups
        or queryset._iterable_class is not ModelIterable
    ):
        raise ValueError("records_by_pk() makes records as a plain queryset of records does, nothing else")
    compiler = queryset.query.get_compiler(using=connection.alias)
    sql, params = compiler.as_sql()
    fields = [column[0] for column in compiler.select[: compiler.col_count]]
    if compiler.has_composite_fields(fields):
        raise ValueError("records_by_pk() does not make composite primary keys")
    klass_info, select = compiler.klass_info, compiler.select
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    return _CompiledRecords(
        query=_Compiled.of(sql, params, ids=placeholder_ids, values=placeholders),
        columns=compiler.col_count,
        converters=list(compiler.get_converters(fields).items()),
        model=klass_info["model"],
        init_list=[column[0].target.attname for column in select[start:end]],
        fields_start=start,
        fields_end=end,
        related_populators=get_related_populators(klass_info, select, connection.alias),
        annotation_col_map=compiler.annotation_col_map or {},
    )


def groups_of(ranked, types, content_types, *, limit, language, records_of):
    """Groups of hits from ranked entries (best first within each type, up to
    limit + 1 per type); `records_of(searchable, ids)` gives {id: (record, snippet)}."""
    groups = []
    for searchable in types:
        content_type_id = content_types[searchable.model].pk
        entries = [entry for entry in ranked if entry.content_type_id == content_type_id]
        if not entries:
            continue
        # Read through published() again: a record unpublished a moment ago stays out.
        records = records_of(searchable, [entry.object_id for entry in entries[:limit]])
        hits = [
            Hit(
                title=searchable.title_of(records[entry.object_id][0], language),
                url=records[entry.object_id][0].get_absolute_url(),
                snippet=records[entry.object_id][1],
                score=float(entry.score),
            )
            for entry in entries[:limit]
            if entry.object_id in records
        ]
        groups.append(Group(type=searchable, hits=hits, has_more=len(entries) > limit))
    return groups
