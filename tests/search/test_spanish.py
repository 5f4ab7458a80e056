"""Search in Spanish (issue 16, item 4): /es/search/ reads the Spanish entries,
accents never matter, PostgreSQL stems Spanish words, and English search is
unchanged."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from careerportal.search.folding import fold, matched_spans
from careerportal.search.index import SEARCH_LANGUAGES, rebuild
from careerportal.search.models import SearchEntry
from careerportal.search.registry import SEARCHABLE_TYPES
from careerportal.search.services import search, text_snippet
from qualifications.models import Skill
from tests.factories import CertificationFactory, SkillFactory

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.postgres
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="checks SQLite's FTS5 search")


def found_urls(client, path, query):
    response = client.get(path, {"q": query})
    assert response.status_code == 200
    return [hit.url for group in response.context["groups"] for hit in group.hits]


def spanish_url(record):
    with translation.override("es"):
        return record.get_absolute_url()


def titles(groups):
    return [hit.title for group in groups for hit in group.hits]


# Folding -----------------------------------------------------------------------------------------


def test_fold_removes_accents_and_keeps_everything_else():
    assert fold("Codificación médica, ÑANDÚ, pingüino 10") == "Codificacion medica, NANDU, pinguino 10"


def test_matched_spans_ignore_accents_on_either_side_and_point_into_the_original_text():
    text = "La codificación y la CODIFICACION"
    spans = matched_spans(text, ["codificacion"])
    assert [text[start:end] for start, end in spans] == ["codificación", "CODIFICACION"]
    assert [text[start:end] for start, end in matched_spans(text, ["códificación"])] == [
        "codificación",
        "CODIFICACION",
    ]


def test_a_snippet_marks_the_accented_word_for_a_query_without_accents():
    snippet = text_snippet("Aprende codificación médica.", ["codificacion", "medica"])
    assert snippet == "Aprende <mark>codificación</mark> <mark>médica</mark>."


# Both databases ------------------------------------------------------------------------------------


def test_every_record_has_an_entry_per_language_with_that_languages_names_without_accents():
    skill = SkillFactory(name="Attention to detail", name_es="Atención al detalle")
    entries = SearchEntry.objects.filter(content_type__model="skill", object_id=skill.pk)
    assert dict(entries.values_list("language", "names")) == {"en": "Attention to detail", "es": "Atencion al detalle"}
    assert sorted(entries.values_list("language", flat=True)) == sorted(SEARCH_LANGUAGES)


def test_the_spanish_page_searches_the_spanish_text_and_shows_the_spanish_title(client):
    skill = SkillFactory(
        name="Claim review",
        name_es="Revisión de reclamaciones",
        summary="Checks every claim.",
        summary_es="Revisa cada reclamación.",
        on_the_job_es="A diario.",
        how_to_build_es="Práctica.",
    )
    assert found_urls(client, "/es/search/", "reclamaciones") == [spanish_url(skill)]
    assert found_urls(client, "/es/search/", "claim") == []
    assert found_urls(client, "/search/", "reclamaciones") == []
    assert found_urls(client, "/search/", "claim") == [skill.get_absolute_url()]
    response = client.get("/es/search/", {"q": "reclamaciones"})
    (hit,) = [hit for group in response.context["groups"] for hit in group.hits]
    assert hit.title == "Revisión de reclamaciones"
    assert "Revisa cada" in hit.snippet  # from the Spanish summary


def test_a_record_without_spanish_text_is_found_in_spanish_by_its_english_text(client):
    certification = CertificationFactory(code="EN1", name="Certified Heron Coder", summary="English only.")
    response = client.get("/es/search/", {"q": "heron"})
    (hit,) = [hit for group in response.context["groups"] for hit in group.hits]
    assert (hit.url, hit.title) == (spanish_url(certification), "EN1 — Certified Heron Coder")


def test_an_empty_spanish_field_falls_back_to_english_field_by_field(client):
    skill = SkillFactory(name="Patience", name_es="Paciencia", summary="Grebe counting.")
    assert found_urls(client, "/es/search/", "paciencia grebe") == [spanish_url(skill)]


def test_with_or_without_accents_a_spanish_search_finds_the_same_records(client):
    named = CertificationFactory(code="CCA", name="Coding specialist", name_es="Especialista en codificación")
    summarized = SkillFactory(name="Precision", name_es="Precisión", summary_es="La codificación exige precisión.")
    CertificationFactory(code="OTRA", name="Billing specialist", name_es="Especialista en facturación")
    # "codificador" has the stem of "codificación" but is another word ("codificacion" is no typo of "auditor").
    CertificationFactory(code="AUD", name="Auditor", name_es="Auditor", summary_es="Revisa a un codificador.")
    expected = sorted([spanish_url(named), spanish_url(summarized)])
    for query in ["codificacion", "codificación", "CODIFICACIÓN", "Codificacion"]:
        assert sorted(found_urls(client, "/es/search/", query)) == expected, query


def test_an_accented_query_finds_text_written_without_accents(client):
    skill = SkillFactory(name="Claim review", name_es="Revision de reclamaciones")
    assert found_urls(client, "/es/search/", "revisión") == [spanish_url(skill)]


def test_the_spanish_snippet_marks_the_accented_word(client):
    SkillFactory(name="Precision", name_es="Precisión", summary_es="La codificación exige precisión.")
    response = client.get("/es/search/", {"q": "codificacion"})
    (hit,) = [hit for group in response.context["groups"] for hit in group.hits]
    assert "<mark>codificación</mark>" in hit.snippet


def test_a_misspelt_spanish_name_is_forgiven_without_its_accents(client):
    certification = CertificationFactory(
        code="CEF", name="Medical billing specialist", name_es="Especialista en facturación médica"
    )
    assert found_urls(client, "/es/search/", "especialsta facturacion") == [spanish_url(certification)]


def test_the_exact_name_without_accents_ranks_first():
    CertificationFactory(code="B1", name="Guide", name_es="Guía", summary_es="Guía de codificación y de facturación.")
    CertificationFactory(code="A1", name="Coding", name_es="Codificación")
    assert titles(search("codificacion", language="es"))[0] == "A1 — Codificación"


def test_english_search_ignores_accents_too():
    skill = SkillFactory(name="Résumé writing")
    assert [hit.url for group in search("resume writing") for hit in group.hits] == [skill.get_absolute_url()]


def test_rebuild_writes_the_entries_of_every_language():
    skills = SkillFactory.create_batch(2)
    SearchEntry.objects.filter(language="es").delete()
    Skill.objects.filter(pk=skills[0].pk).update(name_es="Perseverancia")  # no signal
    assert search("perseverancia", language="es") == []
    assert rebuild()["skills"] == 2
    assert SearchEntry.objects.filter(content_type__model="skill", language="es").count() == 2
    assert SearchEntry.objects.filter(content_type__model="skill", language="en").count() == 2
    assert titles(search("perseverancia", language="es")) == ["Perseverancia"]


def test_the_rebuild_command_covers_both_languages():
    SkillFactory(name="Patience", name_es="Paciencia")
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert titles(search("patience", language="en")) == ["Patience"]
    assert titles(search("paciencia", language="es")) == ["Paciencia"]


def test_spanish_results_page_does_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    for number in range(6):
        CertificationFactory(name=f"Coding specialist {number}", name_es=f"Especialista en codificación {number}")
        SkillFactory(name=f"Coding {number}", name_es=f"Codificación {number}")
    with django_assert_max_num_queries(len(SEARCHABLE_TYPES)):  # one per type, whatever the number of hits
        client.get("/es/search/", {"q": "codificacion"})


# PostgreSQL: Spanish stemming ----------------------------------------------------------------------


@on_postgres
@pytest.mark.parametrize(
    "query, expected",
    [
        ("facturadores", ["billing", "biller"]),
        ("facturador", ["billing", "biller"]),
        # The query is stemmed without its accents, and the stemmer does not know "-acion":
        # with or without the accent, the word is found as written.
        ("facturación", ["billing"]),
        ("facturacion", ["billing"]),
    ],
)
def test_spanish_words_are_stemmed(client, query, expected):
    skills = {
        "billing": SkillFactory(name="Billing", name_es="Facturación", summary_es="Revisa cada reclamación."),
        "biller": SkillFactory(name="A biller's work", name_es="Trabajo del facturador", summary_es="Envía reclamos."),
    }
    assert sorted(found_urls(client, "/es/search/", query)) == sorted(spanish_url(skills[key]) for key in expected)


@on_postgres
def test_the_english_page_keeps_english_stemming():
    SkillFactory(name="Reading", summary="Billers review remittances every day.")
    assert titles(search("reviewing remittance", language="en")) == ["Reading"]
    assert titles(search("reviewing remittance", language="es")) == []


# SQLite ----------------------------------------------------------------------------------------


@on_sqlite
def test_on_sqlite_the_fts_tables_hold_the_text_without_accents():
    skill = SkillFactory(
        name="Atención",
        summary="Codificación.",
        name_es="Atención",
        summary_es="Codificación.",
        on_the_job="",
        how_to_build="",
    )
    for language in SEARCH_LANGUAGES:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT title, summary FROM search_entry_fts_{language} WHERE rowid IN "  # noqa: S608
                "(SELECT id FROM search_searchentry WHERE object_id = %s AND language = %s)",
                [skill.pk, language],
            )
            assert cursor.fetchall() == [("Atencion", "Codificacion.")]


@on_sqlite
def test_on_sqlite_part_of_an_accented_word_is_found_without_its_accent():
    skill = SkillFactory(name="Coding", name_es="Codificación")
    assert [hit.url for group in search("ificacio", language="es") for hit in group.hits] == [skill.get_absolute_url()]
