"""Site search: one function per database backend, chosen by `connection.vendor`.

On PostgreSQL, full-text search over the stored weighted vectors of the search
entries (title A, summary B, body C; see index.py), ranked with ts_rank, with
snippets from ts_headline, plus pg_trgm similarity on each record's names so
that a typo still finds it. On SQLite, a case-insensitive match of every word in
the records themselves, ranked by where it matched. Both return published
records only, grouped by type.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramSimilarity,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import Case, F, FloatField, Q, TextField, Value, When, Window
from django.db.models.functions import Concat, Greatest, RowNumber
from django.utils.html import escape
from django.utils.safestring import mark_safe

from certifications.models import Certification
from qualifications.models import QualificationPath

from .index import SEARCH_CONFIG
from .models import SearchEntry
from .registry import SEARCHABLE_TYPES

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10  # words the SQLite fallback matches; more would only slow it down
PER_GROUP = 5
PER_GROUP_ONE_TYPE = 50
SUGGESTIONS = 6  # of each kind
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


def search(query, *, types=SEARCHABLE_TYPES, limit=PER_GROUP):
    """Groups of hits for a normalized query, the best group first; [] for an empty query."""
    if not query:
        return []
    if connection.vendor == "postgresql":
        groups = postgres_search(query, types, limit=limit)
    else:
        groups = [simple_search(query, searchable, limit=limit) for searchable in types]
    # A stable sort: groups that score the same keep the registry's order.
    return sorted((group for group in groups if group.hits), key=lambda group: -group.best_score)


def suggestions(count=SUGGESTIONS):
    """Pages to start from when there is nothing (or nothing found) to show:
    the first paths and entry-level certifications in the editors' order."""
    paths = QualificationPath.objects.published().only("slug", "name")[:count]
    certifications = Certification.objects.published().entry_level().only("slug", "code", "name")[:count]
    return {"paths": list(paths), "certifications": list(certifications)}


# PostgreSQL ---------------------------------------------------------------------------------


def postgres_search(query, types, *, limit=PER_GROUP):
    """Every type in one ranking query over the stored search entries, then the
    snippets of the hits, then the hits' records: 2 + (types with hits) queries."""
    text_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    content_types = ContentType.objects.get_for_models(*(searchable.model for searchable in types))
    type_of = {content_types[searchable.model].pk: searchable for searchable in types}
    ranked = sorted(
        ranked_entries(query, text_query, types, content_types).filter(place__lte=limit + 1),
        key=lambda entry: entry.place,
    )
    snippets = dict(
        SearchEntry.objects.filter(pk__in=[entry.pk for entry in ranked])
        .annotate(
            snippet=SearchHeadline(
                Concat("summary", Value(" "), "body", output_field=TextField()),
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
        .values_list("pk", "snippet")
    )
    groups = []
    for content_type_id, searchable in type_of.items():
        entries = [entry for entry in ranked if entry.content_type_id == content_type_id]
        if not entries:
            continue
        # Read through published() again: a record unpublished a moment ago stays out.
        records = searchable.model.objects.published().in_bulk([entry.object_id for entry in entries])
        hits = [
            Hit(
                title=searchable.title_of(records[entry.object_id]),
                url=records[entry.object_id].get_absolute_url(),
                snippet=_closed(highlight(snippets.get(entry.pk, ""))),
                score=entry.score,
            )
            for entry in entries[:limit]
            if entry.object_id in records
        ]
        groups.append(Group(type=searchable, hits=hits, has_more=len(entries) > limit))
    return groups


def matching(query, text_query):
    """Entries whose document matches the query, or whose names are like it. All
    three conditions can be answered from the indexes; the trigram thresholds are
    pg_trgm's defaults (0.3 for the whole text, 0.6 for its best-matching part)."""
    return Q(document=text_query) | Q(names__trigram_similar=query) | Q(names__trigram_word_similar=query)


def ranked_entries(query, text_query, types, content_types):
    """Entries of published records matching the query, with `score` and their `place` within their type."""
    published = Q()
    for searchable in types:
        published |= Q(
            content_type=content_types[searchable.model],
            object_id__in=searchable.model.objects.published().values("pk"),
        )
    return (
        SearchEntry.objects.filter(published)
        .filter(matching(query, text_query))
        .annotate(
            # ts_rank gives partial credit to a document that has only some of the
            # words; only a document that matches the whole query earns its rank.
            score=Case(
                When(document=text_query, then=SearchRank(F("document"), text_query)),
                default=Value(0.0),
                output_field=FloatField(),
            )
            + Greatest(TrigramSimilarity("names", query), TrigramWordSimilarity(query, "names"))
            + Case(When(label__iexact=query, then=Value(1.0)), default=Value(0.0), output_field=FloatField()),
        )
        .annotate(
            place=Window(RowNumber(), partition_by=[F("content_type")], order_by=[F("score").desc(), F("object_id")])
        )
        .only("pk", "content_type_id", "object_id")
        .order_by()  # the places say the order; sorting here again would cost a sort
    )


def _closed(snippet):
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


# SQLite and any other backend ---------------------------------------------------------------

FIELD_WEIGHTS = {"title": 10, "summary": 3, "body": 1}


def query_terms(query):
    terms = (term.strip(_TERM_PUNCTUATION) for term in query.split())
    return list(dict.fromkeys(term for term in terms if term))[:MAX_TERMS]


def _weighted_fields(searchable):
    return (
        [(name, FIELD_WEIGHTS["title"]) for name in searchable.title_fields]
        + [(name, FIELD_WEIGHTS["summary"]) for name in searchable.summary_fields]
        + [(name, FIELD_WEIGHTS["body"]) for name in searchable.body_fields]
    )


def simple_search(query, searchable, *, limit=PER_GROUP):
    """Every word must appear in some field (case-insensitive, ASCII only on SQLite);
    a word in the title counts more than one in the summary or body."""
    terms = query_terms(query)
    if not terms:
        return Group(type=searchable)
    fields = _weighted_fields(searchable)
    condition = Q()
    score = Value(0.0, output_field=FloatField())
    for term in terms:
        matches_somewhere = Q()
        for name, weight in fields:
            matches_somewhere |= Q(**{f"{name}__icontains": term})
            score += Case(
                When(**{f"{name}__icontains": term}, then=Value(float(weight))),
                default=Value(0.0),
                output_field=FloatField(),
            )
        condition &= matches_somewhere
    # A query that is the whole code or name (CPC) puts that record first.
    score += Case(
        When(**{f"{searchable.title_fields[0]}__iexact": query}, then=Value(float(FIELD_WEIGHTS["title"]))),
        default=Value(0.0),
        output_field=FloatField(),
    )
    records = (searchable.model.objects.published().filter(condition).annotate(score=score).order_by("-score", "pk"))[
        : limit + 1
    ]
    names = searchable.summary_fields + searchable.body_fields
    return _group(
        searchable,
        records,
        limit,
        lambda record: text_snippet(" ".join(str(getattr(record, name)) for name in names), terms),
    )


def text_snippet(text, terms, *, width=220):
    """About `width` characters of `text` around the first matched term, terms marked."""
    text = " ".join(text.split())
    pattern = re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    found = pattern.search(text)
    start = 0
    if found and found.end() > width:
        start = text.rfind(" ", 0, max(found.start() - width // 3, 0)) + 1
    end = start + width
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    excerpt = text[start:end]
    marked = pattern.sub(lambda match: MARK_START + match.group(0) + MARK_STOP, excerpt)
    snippet = highlight(marked)
    return mark_safe(("… " if start else "") + snippet + (" …" if end < len(text) else ""))  # noqa: S308


def _group(searchable, records, limit, snippet_of):
    records = list(records)
    hits = [
        Hit(
            title=searchable.title_of(record),
            url=record.get_absolute_url(),
            snippet=snippet_of(record),
            score=float(record.score),
        )
        for record in records[:limit]
    ]
    return Group(type=searchable, hits=hits, has_more=len(records) > limit)
