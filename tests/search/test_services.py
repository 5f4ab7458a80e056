import datetime

import pytest
from django.db import connection
from django.utils import timezone

from careerportal.search import services
from careerportal.search.registry import SEARCHABLE_TYPES, TYPES_BY_KEY
from careerportal.search.services import (
    MARK_START,
    MARK_STOP,
    MAX_QUERY_LENGTH,
    highlight,
    normalize_query,
    query_terms,
    search,
    suggestions,
    text_snippet,
)
from certifications.models import Focus
from tests.factories import (
    CareerTopicFactory,
    CertificationFactory,
    CertifyingBodyFactory,
    CodeSetFactory,
    EducationStepFactory,
    OccupationFactory,
    OutlookFigureFactory,
    QualificationPathFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.postgres
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="checks SQLite's FTS5 search")


def hits_of(groups, key):
    return [hit for group in groups if group.key == key for hit in group.hits]


def titles_of(groups, key="certifications"):
    return [hit.title for hit in hits_of(groups, key)]


# Cleaning the query -------------------------------------------------------------------------


def test_nul_and_control_characters_become_spaces():
    assert normalize_query("cpc\x00exam\x07\x1b[31m") == ("cpc exam [31m", False)


def test_white_space_collapses_and_ends_are_trimmed():
    assert normalize_query("  medical \t\n coder  ") == ("medical coder", False)


def test_letters_of_any_script_and_emoji_are_kept():
    assert normalize_query("codificación médica 医療 🩺") == ("codificación médica 医療 🩺", False)


def test_private_use_characters_are_dropped_so_they_cannot_fake_a_highlight():
    assert normalize_query(f"a{MARK_START}b{MARK_STOP}c") == ("a b c", False)


def test_long_query_is_cut_to_the_limit_and_says_so():
    query, shortened = normalize_query("coder " * 2000)
    assert shortened is True
    assert len(query) <= MAX_QUERY_LENGTH
    assert query.startswith("coder coder")


def test_none_is_an_empty_query():
    assert normalize_query(None) == ("", False)


def test_query_terms_drop_punctuation_and_repeats():
    assert query_terms('"medical coder" (coder) -- !!') == ["medical", "coder", "--"]


# Snippets -----------------------------------------------------------------------------------


def test_highlight_escapes_everything_but_its_own_marks():
    html = highlight(f"<b>bold</b> {MARK_START}coder{MARK_STOP} & more")
    assert html == "&lt;b&gt;bold&lt;/b&gt; <mark>coder</mark> &amp; more"


def test_highlight_drops_stray_marks_and_closes_an_open_one():
    assert highlight(f"{MARK_STOP}a {MARK_START}b {MARK_START}c") == "a <mark>b c</mark>"


@pytest.mark.parametrize("snippet, shown", [("cut in the", "cut in the …"), ("a sentence.", "a sentence."), ("", "")])
def test_a_snippet_cut_mid_sentence_ends_with_an_ellipsis(snippet, shown):
    assert services.closed(highlight(snippet)) == shown


def test_text_snippet_marks_every_term_case_insensitively_and_escapes():
    snippet = text_snippet("A <i>Coder</i> codes; coders check CODES.", ["coder", "codes"])
    assert "<i>" not in snippet
    assert "&lt;i&gt;<mark>Coder</mark>&lt;/i&gt;" in snippet
    assert "<mark>codes</mark>" in snippet and "<mark>CODES</mark>" in snippet


def test_text_snippet_shows_the_part_of_a_long_text_with_the_match():
    text = "filler " * 200 + "the anesthesia modifier rule " + "filler " * 200
    snippet = text_snippet(text, ["anesthesia"])
    assert "<mark>anesthesia</mark>" in snippet
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert len(snippet) < 400


# Searching (whichever database this run uses) ------------------------------------------------


def test_title_match_ranks_above_a_body_match():
    CertificationFactory(code="BODY1", name="Certified Biller", description="Zephyrine claims. " * 10)
    CertificationFactory(code="TITLE1", name="Zephyrine Specialist", description="Nothing else.")
    assert titles_of(search("zephyrine"))[:2] == ["TITLE1 — Zephyrine Specialist", "BODY1 — Certified Biller"]


def test_summary_match_ranks_above_a_body_match():
    SkillFactory(name="Patience", on_the_job="Working through a quillwort backlog.")
    SkillFactory(name="Focus", summary="Quillwort files need focus.")
    assert [hit.title for hit in hits_of(search("quillwort"), "skills")] == ["Focus", "Patience"]


def test_group_with_the_best_match_comes_first():
    SkillFactory(name="Skill with a word in its body", on_the_job="Marmoset reports.")
    CareerTopicFactory(title="Marmoset", summary="A topic.")
    assert [group.key for group in search("marmoset")] == ["careers", "skills"]


@pytest.mark.parametrize(
    "factory, key, fields",
    [
        (CertificationFactory, "certifications", {"name": "Certified Xylograph Coder"}),
        (QualificationPathFactory, "paths", {"name": "Xylograph route"}),
        (EducationStepFactory, "education", {"name": "Xylograph certificate"}),
        (SkillFactory, "skills", {"name": "Xylograph reading"}),
        (OccupationFactory, "occupations", {"tasks": "Abstract xylograph records."}),
        (CareerTopicFactory, "careers", {"title": "Xylograph tip"}),
        (OutlookFigureFactory, "outlook", {"label": "Xylograph pay"}),
        (CodeSetFactory, "code-sets", {"full_name": "Xylograph terminology"}),
        (CertifyingBodyFactory, "bodies", {"name": "Xylograph association"}),
    ],
)
def test_every_published_content_type_is_found_with_its_url(factory, key, fields):
    record = factory(**fields)
    hits = hits_of(search("xylograph"), key)
    assert [hit.url for hit in hits] == [record.get_absolute_url()]


@pytest.mark.parametrize(
    "factory, fields",
    [
        (CertificationFactory, {"name": "Certified Yarrow Coder"}),
        (SkillFactory, {"name": "Yarrow reading"}),
        (CareerTopicFactory, {"title": "Yarrow tip"}),
        (CodeSetFactory, {"full_name": "Yarrow terminology"}),
    ],
)
def test_drafts_and_scheduled_records_are_never_found(factory, fields):
    factory(status="draft", **fields)
    factory(publish_from=timezone.now() + datetime.timedelta(days=1), **fields)
    assert search("yarrow") == []


def test_registry_covers_every_type_once():
    assert len(TYPES_BY_KEY) == len(SEARCHABLE_TYPES) == 9


def test_empty_query_searches_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert search("") == []


def test_more_results_than_the_limit_are_flagged():
    for number in range(4):
        SkillFactory(name=f"Nightjar skill {number}")
    (group,) = search("nightjar", limit=3)
    assert len(group.hits) == 3
    assert group.has_more is True


def test_search_makes_a_bounded_number_of_queries(django_assert_max_num_queries):
    CertificationFactory(name="Certified Osprey Coder")
    with django_assert_max_num_queries(len(SEARCHABLE_TYPES)):
        search("osprey")


def test_suggestions_are_few_whatever_the_number_of_records():
    QualificationPathFactory.create_batch(8)
    CertificationFactory.create_batch(8, entry_level=True)
    found = suggestions()
    assert (len(found["paths"]), len(found["certifications"])) == (6, 6)


def test_suggestions_are_published_paths_and_entry_level_certifications():
    QualificationPathFactory(name="Shown path")
    QualificationPathFactory(name="Draft path", status="draft")
    CertificationFactory(code="ENTRY", entry_level=True)
    CertificationFactory(code="SENIOR", entry_level=False)
    found = suggestions()
    assert [path.name for path in found["paths"]] == ["Shown path"]
    assert [certification.code for certification in found["certifications"]] == ["ENTRY"]


# Matching words and forgiving typos (both databases) -----------------------------------------


def test_every_word_must_appear_somewhere():
    CertificationFactory(code="BOTHWORDS", name="Heron Coder", summary="Egret billing.")
    CertificationFactory(code="ONEWORD", name="Heron Biller")
    assert titles_of(search("heron egret")) == ["BOTHWORDS — Heron Coder"]


def test_case_is_ignored_and_the_snippet_marks_the_word():
    CertificationFactory(code="CASE1", name="Pelican", summary="The PELICAN exam.")
    (hit,) = hits_of(search("pelican"), "certifications")
    assert "<mark>PELICAN</mark>" in hit.snippet


def test_only_punctuation_finds_nothing():
    CertificationFactory(name="Anything")
    assert search('"" ()') == []


def test_typos_still_find_the_cpc():
    CertificationFactory(code="CPC", name="Certified Professional Coder", focus=Focus.CODING)
    CertificationFactory(code="CPB", name="Certified Professional Biller", focus=Focus.BILLING)
    assert titles_of(search("certifed profesional coder"))[0] == "CPC — Certified Professional Coder"


def test_one_misspelt_word_in_a_name_is_forgiven():
    SkillFactory(name="Attention to detail")
    assert [hit.title for hit in hits_of(search("atention"), "skills")] == ["Attention to detail"]


def test_a_misspelt_word_finds_the_billing_credentials_and_only_those():
    CertificationFactory(code="CBCS", name="Certified Billing and Coding Specialist", focus=Focus.BOTH)
    CertificationFactory(code="CCS", name="Certified Coding Specialist", focus=Focus.CODING)
    assert titles_of(search("biling")) == ["CBCS — Certified Billing and Coding Specialist"]


def test_a_typo_hit_of_a_draft_is_never_found():
    CertificationFactory(code="CBCS", name="Certified Billing and Coding Specialist", status="draft")
    assert search("biling") == []


@on_sqlite
def test_on_sqlite_a_word_matches_inside_longer_words_and_ignores_case_beyond_ascii():
    CertificationFactory(code="SUB1", name="Certified Anesthesiology Coder", summary="ÉCOLE de codage.")
    assert titles_of(search("anesthesio")) == ["SUB1 — Certified Anesthesiology Coder"]
    assert titles_of(search("école")) == ["SUB1 — Certified Anesthesiology Coder"]


@on_sqlite
def test_on_sqlite_words_shorter_than_three_letters_still_match():
    CodeSetFactory(name="HCPCS", full_name="HCPCS Level II")
    assert [hit.title for hit in hits_of(search("II"), "code-sets")] == ["HCPCS — HCPCS Level II"]


# PostgreSQL full-text search -----------------------------------------------------------------


@on_postgres
def test_stemming_matches_other_forms_of_a_word():
    SkillFactory(name="Reading", summary="Billers review remittances every day.")
    assert hits_of(search("reviewing remittance"), "skills")


@on_postgres
def test_headline_marks_the_matched_words_in_the_text():
    CertificationFactory(name="Risk adjustment", summary="Checks hierarchical condition & categories.")
    (hit,) = hits_of(search("hierarchical condition"), "certifications")
    assert "<mark>hierarchical</mark> <mark>condition</mark> &amp; categories" in hit.snippet


@on_postgres
@pytest.mark.parametrize(
    "query", ['"unclosed', "a & | ! b", "-", "or or or", "' OR 1=1 --", "cpc:*", "the and of", "(((", "\\"]
)
def test_websearch_syntax_in_any_form_is_not_an_error(query):
    CertificationFactory(name="Certified Professional Coder")
    search(query)


def test_published_records_are_found_below_many_better_matching_drafts():
    for number in range(14):
        SkillFactory(name=f"Wryneck draft {number}", status="draft")
    SkillFactory(name="Published skill", on_the_job="A wryneck in the body only.")
    SkillFactory(name="Another published skill", how_to_build="Wryneck practice.")
    found = [hit.title for hit in hits_of(search("wryneck", limit=2), "skills")]
    assert sorted(found) == ["Another published skill", "Published skill"]


def test_the_published_sql_kept_between_searches_compares_with_the_current_moment(monkeypatch):
    """published() is compiled once per process and type (services.published_sql); the
    moment it compares with is the current one on every search, so a scheduled record
    is found as soon as its time has come, without a restart."""
    services._COMPILED_PUBLISHED.clear()
    SkillFactory(name="Kestrel counting", publish_from=timezone.now() + datetime.timedelta(days=1))
    assert search("kestrel") == []
    assert any(key[1] is SkillFactory._meta.model for key in services._COMPILED_PUBLISHED)
    later = timezone.now() + datetime.timedelta(days=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert [hit.title for hit in hits_of(search("kestrel"), "skills")] == ["Kestrel counting"]


def test_the_published_sql_gives_the_current_moment_whatever_the_clock(monkeypatch):
    """The SQL is compiled with a fixed moment (published(at=...)); every call gives the
    current one in its place, in the database's form, also when the clock stands still."""
    services._COMPILED_PUBLISHED.clear()
    moment = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: moment)
    for _call in range(2):
        sql, params = services.published_sql(SkillFactory._meta.model, "entry.object_id")
        assert "entry.object_id" in sql
        assert [param for param in params if param in (moment, connection.ops.adapt_datetimefield_value(moment))]
        assert services._COMPILED_AT not in params
        assert connection.ops.adapt_datetimefield_value(services._COMPILED_AT) not in params
    assert len(services._COMPILED_PUBLISHED) == 1


def _shown_skills(at):
    return services.shown_records(TYPES_BY_KEY["skills"], "en", at=at)


def test_the_records_sql_kept_between_searches_compares_with_the_current_moment(monkeypatch):
    """The shown records' SQL is compiled once per process, type and number of ids
    (services.records_by_pk); published() in it compares with the current moment on
    every call, so a scheduled record shows as soon as its time has come."""
    services._COMPILED_RECORDS.clear()
    scheduled = SkillFactory(name="Kestrel counting", publish_from=timezone.now() + datetime.timedelta(days=1))
    assert services.records_by_pk("test", _shown_skills, [scheduled.pk]) == {}
    later = timezone.now() + datetime.timedelta(days=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert list(services.records_by_pk("test", _shown_skills, [scheduled.pk])) == [scheduled.pk]
    assert len(services._COMPILED_RECORDS) == 1


def test_the_records_sql_kept_between_searches_reads_the_ids_of_each_call():
    """One compilation per number of ids; each call reads its own ids, duplicates once."""
    services._COMPILED_RECORDS.clear()
    first, second, third = SkillFactory(), SkillFactory(), SkillFactory()
    for ids in ([first.pk], [second.pk], [third.pk, first.pk], [second.pk, third.pk], [first.pk, first.pk], []):
        found = services.records_by_pk("test", _shown_skills, ids)
        assert found == _shown_skills(None).in_bulk(ids)
        assert {pk: record.name for pk, record in found.items()} == {
            pk: record.name for pk, record in _shown_skills(None).in_bulk(ids).items()
        }
    assert sorted(key[-1] for key in services._COMPILED_RECORDS) == [1, 2]


def test_the_records_sql_kept_between_searches_keeps_select_related(django_assert_num_queries):
    """A type whose manager fetches the record its address is made of along (an outlook
    figure's occupation) still has it along: its address costs no query."""
    services._COMPILED_RECORDS.clear()
    figure = OutlookFigureFactory()
    figures = TYPES_BY_KEY["outlook"]
    assert figures.model.objects.published().query.select_related == {"occupation": {}}
    for _call in range(2):
        with django_assert_num_queries(1):
            found = services.records_by_pk("test", lambda at: services.shown_records(figures, "en", at=at), [figure.pk])
            assert found[figure.pk].get_absolute_url() == figure.get_absolute_url()


@on_postgres
def test_the_snippets_kept_between_searches_mark_the_words_of_each_query():
    """The snippets' SQL is compiled once per type and number of ids, with the query a
    parameter: each search marks its own words."""
    services._COMPILED_RECORDS.clear()
    SkillFactory(name="Birdwatching", on_the_job="Counting the kestrel and the wryneck every morning.")
    kestrel = hits_of(search("kestrel"), "skills")[0].snippet
    wryneck = hits_of(search("wryneck"), "skills")[0].snippet
    assert "<mark>kestrel</mark>" in kestrel
    assert "<mark>wryneck</mark>" not in kestrel
    assert "<mark>wryneck</mark>" in wryneck
    assert "<mark>kestrel</mark>" not in wryneck
    assert len([key for key in services._COMPILED_RECORDS if key[2][1].__name__ == "Skill"]) == 1


def _fields_of(record):
    return {name: value for name, value in vars(record).items() if name != "_state"}


def test_the_records_kept_between_searches_are_the_records_in_bulk_gives():
    """Every field as the ORM gives it (its converters too: dates, decimals, the
    database's datetimes), the related record fetched along, the deferred fields."""
    services._COMPILED_RECORDS.clear()
    figure = OutlookFigureFactory(publish_from=timezone.now() - datetime.timedelta(days=1))
    skill = SkillFactory()
    for key, pk in (("outlook", figure.pk), ("skills", skill.pk)):
        searchable = TYPES_BY_KEY[key]
        for shown in ("all", "en", "es"):

            def records(at, searchable=searchable, shown=shown):
                if shown == "all":
                    return searchable.model.objects.published(at=at)
                return services.shown_records(searchable, shown, at=at)

            found = services.records_by_pk(("test", key, shown), records, [pk])
            expected = records(None).in_bulk([pk])
            assert _fields_of(found[pk]) == _fields_of(expected[pk])
            assert found[pk].get_deferred_fields() == expected[pk].get_deferred_fields()
            assert found[pk]._state.db == expected[pk]._state.db
            assert not found[pk]._state.adding
            if key == "outlook":  # the occupation fetched along, as in_bulk's
                assert type(found[pk]).occupation.is_cached(found[pk])
                assert _fields_of(found[pk].occupation) == _fields_of(expected[pk].occupation)


def test_compiled_sql_that_lost_a_placeholder_is_refused():
    """SQL is kept only when each placeholder id and value is a parameter of its own: one the ORM
    folded into the SQL, or repeated, could not be given the next call's value."""
    services._Compiled.of("SELECT %s", [-7], ids=[-7])  # found: kept
    with pytest.raises(ValueError, match="each placeholder once"):
        services._Compiled.of("SELECT -7", [], ids=[-7])
    with pytest.raises(ValueError, match="each placeholder once"):
        services._Compiled.of("SELECT %s, %s", ["¶q", "¶q"], values={"query": "¶q"})


def test_compiled_sql_is_given_each_calls_values_in_their_places():
    compiled = services._Compiled.of(
        "SELECT %s, %s, %s, %s, %s", [services._COMPILED_AT, 3, -8, "¶q", -9], ids=[-9, -8], values={"query": "¶q"}
    )
    moment, kept, second_id, query, first_id = compiled.params_for(ids=[41, 42], values={"query": "coder"})
    assert (kept, first_id, second_id, query) == (3, 41, 42, "coder")
    assert moment != services._COMPILED_AT
    assert abs(moment - timezone.now()) < datetime.timedelta(minutes=1)
