"""Search entries follow the records: saved, changed, deleted, rebuilt."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from careerportal.search.index import entry_values, rebuild
from careerportal.search.models import SearchEntry
from careerportal.search.registry import TYPES_BY_KEY
from careerportal.search.services import search
from careerportal.search.sqlite import fts_table
from certifications.models import Certification
from tests.factories import CertificationFactory, CodeSetFactory, SkillFactory

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.postgres
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="checks the SQLite FTS5 table")


def entry_of(record, language="en"):
    return SearchEntry.objects.get(content_type__model=record._meta.model_name, object_id=record.pk, language=language)


def test_entry_values_follow_the_registry():
    certification = CertificationFactory.build(
        code="CPC", name="Certified Professional Coder", summary="Short.", description="Long.", prerequisites=""
    )
    assert entry_values(TYPES_BY_KEY["certifications"], certification, "en") == {
        "label": "CPC",
        "names": "CPC Certified Professional Coder",
        "title": "CPC Certified Professional Coder",
        "summary": "Short.",
        "body": "Long.",
    }


def test_empty_fields_leave_no_stray_spaces():
    code_set = CodeSetFactory.build(name="CPT", full_name="")
    assert entry_values(TYPES_BY_KEY["code-sets"], code_set, "en")["names"] == "CPT"


def test_saving_a_record_writes_its_entry_label_and_names():
    certification = CertificationFactory(code="CPC", name="Certified Professional Coder")
    entry = entry_of(certification)
    assert (entry.label, entry.names) == ("CPC", "CPC Certified Professional Coder")


def fts_rows(language="en"):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid, title, summary, body, names FROM {fts_table(language)} ORDER BY rowid")  # noqa: S608
        return cursor.fetchall()


@on_sqlite
def test_on_sqlite_saving_a_record_writes_its_text_to_the_fts_table():
    skill = SkillFactory(name="Attention to detail", summary="Careful.", on_the_job="Checks.", how_to_build="Practice.")
    assert fts_rows() == [
        (entry_of(skill).pk, "Attention to detail", "Careful.", "Checks. Practice.", "Attention to detail")
    ]
    skill.name = "Patience"
    skill.save()
    assert [row[1] for row in fts_rows()] == ["Patience"]
    skill.delete()
    assert fts_rows() == []


@on_sqlite
def test_on_sqlite_rebuild_rewrites_the_fts_table():
    SkillFactory(name="Patience")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_entry_fts_en")
    rebuild()
    assert [row[1] for row in fts_rows()] == ["Patience"]


@on_postgres
def test_saving_a_record_writes_its_entry_with_a_vector():
    skill = SkillFactory(name="Attention to detail", summary="Careful.", on_the_job="Checks.", how_to_build="Practice.")
    entry = entry_of(skill)
    assert "'attent':1A" in entry.document
    assert entry.document == "'attent':1A 'care':4B 'check':5C 'detail':3A 'practic':6C"


def test_changing_a_record_changes_what_finds_it():
    skill = SkillFactory(name="Patience")
    skill.name = "Perseverance"
    skill.save()
    assert [hit.title for group in search("perseverance") for hit in group.hits] == ["Perseverance"]
    assert search("patience") == []
    assert SearchEntry.objects.filter(object_id=skill.pk, content_type__model="skill", language="en").count() == 1


def test_deleting_a_record_removes_its_entry():
    skill = SkillFactory()
    skill.delete()
    assert not SearchEntry.objects.filter(content_type__model="skill").exists()


def test_a_draft_has_an_entry_but_is_never_found_until_published():
    skill = SkillFactory(name="Unpublished skill", status="draft")
    assert entry_of(skill)
    assert search("unpublished") == []
    skill.status = "published"
    skill.save()
    assert [hit.title for group in search("unpublished") for hit in group.hits] == ["Unpublished skill"]


def test_rebuild_catches_up_with_writes_that_skip_signals():
    certification = CertificationFactory(name="Certified Heron Coder")
    Certification.objects.filter(pk=certification.pk).update(name="Certified Egret Coder")
    assert search("egret") == []
    counts = rebuild()
    assert counts["certifications"] == 1
    assert [hit.title for group in search("egret") for hit in group.hits] == [
        f"{certification.code} — Certified Egret Coder"
    ]


def test_rebuild_command_reports_the_counts():
    SkillFactory.create_batch(2)
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "skills: 2" in out.getvalue()
