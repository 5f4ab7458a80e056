import datetime
import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from careerportal import starter_content
from careerportal.starter_content import StarterContentError, load_starter_content
from certifications.models import Certification, CertifyingBody, CodeSet, Requirement
from publishing.models import Confirmation, PublicationStatus, Source
from qualifications.models import (
    CareerTopic,
    EducationStep,
    ExamCost,
    Occupation,
    OutlookFigure,
    PathStep,
    QualificationPath,
    Skill,
)

pytestmark = pytest.mark.django_db

DATA_FILES = [
    Path(settings.BASE_DIR) / "publishing" / "starter_content" / "sources.json",
    Path(settings.BASE_DIR) / "certifications" / "starter_content.json",
    Path(settings.BASE_DIR) / "qualifications" / "starter_content.json",
]

# The value fields behind each sourced figure, per model.
FIGURE_VALUES = {
    Certification: {
        "exam": ("exam_questions", "exam_minutes", "exam_passing"),
        "price": ("price_usd",),
        "renewal": ("renewal_ceus",),
    },
    EducationStep: {
        "duration": ("duration_min_months", "duration_max_months"),
        "cost": ("cost_min_usd", "cost_max_usd"),
    },
    OutlookFigure: {"figure": ("value",)},
    ExamCost: {"fee": ("fee_low_usd", "fee_high_usd"), "dues": ("dues_low_usd", "dues_high_usd")},
}

CONTENT_MODELS = [
    CertifyingBody,
    CodeSet,
    Certification,
    EducationStep,
    ExamCost,
    Skill,
    Occupation,
    QualificationPath,
    OutlookFigure,
    CareerTopic,
]


def read(path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def data():
    sources, certifications, qualifications = (read(path) for path in DATA_FILES)
    return {
        Source: sources,
        CertifyingBody: certifications["certifying_bodies"],
        CodeSet: certifications["code_sets"],
        Certification: certifications["certifications"],
        Requirement: certifications["requirements"],
        EducationStep: qualifications["education_steps"],
        ExamCost: qualifications["exam_costs"],
        Skill: qualifications["skills"],
        Occupation: qualifications["occupations"],
        QualificationPath: qualifications["paths"],
        OutlookFigure: qualifications["outlook_figures"],
        CareerTopic: qualifications["career_topics"],
    }


@pytest.fixture
def loaded():
    return load_starter_content()


def filled_in_figures():
    for model, figures in FIGURE_VALUES.items():
        for record in model.objects.all():
            for prefix, value_fields in figures.items():
                if any(getattr(record, name) not in (None, "") for name in value_fields):
                    yield record, prefix, getattr(record, f"{prefix}_citation")


def test_loads_every_data_file_entry_into_an_empty_database(data, loaded):
    for model, entries in data.items():
        assert model.objects.count() == len(entries), model.__name__
    assert PathStep.objects.count() == sum(len(path["steps"]) for path in data[QualificationPath])
    assert len(loaded.created) == sum(len(entries) for entries in data.values())
    assert loaded.skipped == []


def test_second_run_creates_nothing(data, loaded):
    again = load_starter_content()

    assert again.created == []
    assert len(again.skipped) == len(loaded.created)
    assert again.summary == f"created 0, skipped {len(loaded.created)}"
    for model, entries in data.items():
        assert model.objects.count() == len(entries), model.__name__


def test_editor_change_survives_a_rerun(loaded):
    Certification.objects.filter(slug="cpc").update(name="Certified Professional Coder (edited)")

    report = load_starter_content()

    assert Certification.objects.get(slug="cpc").name == "Certified Professional Coder (edited)"
    assert "certification cpc" in report.skipped


def test_rerun_does_not_restore_links_an_editor_removed(loaded):
    cpc = Certification.objects.get(slug="cpc")
    cpc.code_sets.remove(CodeSet.objects.get(slug="cpt"))
    path = QualificationPath.objects.get(slug="medical-coder-certificate-cpc")
    path.steps.filter(position=1).delete()

    load_starter_content()

    assert not cpc.code_sets.filter(slug="cpt").exists()
    assert list(path.steps.values_list("position", flat=True)) == [2, 3]


def test_rerun_creates_a_record_that_was_deleted(loaded):
    CareerTopic.objects.filter(slug="network").delete()

    report = load_starter_content()

    assert report.created == ["career benefit or tip network"]
    assert CareerTopic.objects.filter(slug="network").exists()


def test_invalid_entry_loads_nothing_and_names_the_entry(monkeypatch):
    broken = [(model, list(entries)) for model, entries in starter_content.starter_data()]
    skills = next(entries for model, entries in broken if model is Skill)
    skills.append({**skills[0], "slug": "broken-skill", "certifications": ["no-such-certification"]})
    monkeypatch.setattr(starter_content, "starter_data", lambda: broken)

    with pytest.raises(
        StarterContentError, match="skill broken-skill: no certification with slug 'no-such-certification'"
    ):
        load_starter_content()

    assert not Source.objects.exists()
    assert not Certification.objects.exists()


def test_paths_keep_the_order_of_their_steps(data, loaded):
    for entry in data[QualificationPath]:
        path = QualificationPath.objects.get(slug=entry["slug"])
        loaded_steps = [
            {"education_step": step.education_step.slug}
            if step.education_step
            else {"certification": step.certification.slug}
            for step in path.ordered_steps()
        ]
        links = ("education_step", "certification")
        expected = [{k: v for k, v in step.items() if k in links} for step in entry["steps"]]
        assert loaded_steps == expected, entry["slug"]


def test_every_filled_in_figure_has_a_source_and_an_as_of(loaded):
    figures = list(filled_in_figures())

    assert figures
    for record, prefix, citation in figures:
        assert citation.source is not None, f"{record} {prefix}"
        assert citation.as_of or citation.as_of_label, f"{record} {prefix}"


def test_every_unconfirmed_figure_with_a_value_tells_editors_why(loaded):
    for record, prefix, citation in filled_in_figures():
        if not citation.is_confirmed:
            assert citation.editor_note, f"{record} {prefix}"


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda path: path.name)
@pytest.mark.parametrize("unmatched_median", ["42,630", "42630"])
def test_no_data_file_contains_the_median_that_does_not_match_bls(path, unmatched_median):
    assert unmatched_median not in path.read_text(encoding="utf-8")


def test_bls_may_2020_median_is_published_as_official(loaded):
    median = OutlookFigure.objects.published().get(slug="bls-median-pay-may-2020")

    assert median.value == 44090
    assert median.figure_as_of == datetime.date(2020, 5, 1)
    assert median.figure_as_of_label == "May 2020"
    assert median.figure_confirmation == Confirmation.OFFICIAL
    assert "does not match BLS" in median.figure_editor_note


def test_cpc_price_is_stored_as_unconfirmed_with_the_conflicting_figures(loaded):
    cpc = Certification.objects.get(slug="cpc")

    assert cpc.price_usd is not None
    assert cpc.price_confirmation == Confirmation.UNCONFIRMED
    assert not cpc.price_citation.is_confirmed
    for conflicting in ("$399", "$425", "$499"):
        assert conflicting in cpc.price_editor_note


def test_lone_third_party_2024_job_count_is_an_unconfirmed_draft(loaded):
    jobs = OutlookFigure.objects.get(slug="bls-jobs-2024")

    assert jobs.status == PublicationStatus.DRAFT
    assert jobs.figure_confirmation == Confirmation.UNCONFIRMED
    assert "198,100" in jobs.figure_editor_note


def test_2024_pay_and_growth_that_several_third_parties_agree_on_are_labelled_secondary(loaded):
    figures = OutlookFigure.objects.published().filter(slug__in=["bls-median-pay-may-2024", "bls-growth-2024-2034"])

    assert set(figures.values_list("figure_confirmation", flat=True)) == {Confirmation.SECONDARY}
    assert all("third parties citing BLS" in figure.figure_as_of_label for figure in figures)


def test_everything_else_is_published_and_reviewed(loaded):
    drafts = {"bls-jobs-2024"}
    for model in CONTENT_MODELS:
        for record in model.objects.exclude(slug__in=drafts):
            assert record.status == PublicationStatus.PUBLISHED, record
            assert record.last_reviewed in {datetime.date(2026, 11, 28), datetime.date(2026, 12, 3)}, record


def test_no_occupation_pay_comes_from_a_salary_survey(loaded):
    for occupation in Occupation.objects.with_figures():
        assert occupation.facts.pay is not None
        assert occupation.facts.pay.median.kind == OutlookFigure.Kind.MEDIAN_PAY
    assert not OutlookFigure.objects.filter(kind=OutlookFigure.Kind.SALARY_SURVEY, occupation__isnull=False).exists()


def test_every_loaded_record_passes_full_clean(loaded):
    for model in [Source, *CONTENT_MODELS, PathStep]:
        for record in model.objects.all():
            record.full_clean()


def test_command_prints_created_and_skipped_lines(data):
    total = sum(len(entries) for entries in data.values())
    first, second = StringIO(), StringIO()

    call_command("load_starter_content", stdout=first)
    call_command("load_starter_content", stdout=second)

    first_lines = first.getvalue().splitlines()
    assert "created certification cpc" in first_lines
    assert "created qualification path medical-coder-certificate-cpc (3 steps)" in first_lines
    assert first_lines[-1] == f"created {total}, skipped 0"
    second_lines = second.getvalue().splitlines()
    assert "skipped certification cpc (already exists)" in second_lines
    assert second_lines[-1] == f"created 0, skipped {total}"
    assert len(second_lines) == total + 1


def test_command_reports_an_invalid_entry_as_a_command_error(monkeypatch):
    def broken():
        raise StarterContentError("certification cpc: bad")

    monkeypatch.setattr(
        "careerportal.management.commands.load_starter_content.load_starter_content", lambda **_: broken()
    )

    with pytest.raises(CommandError, match="Nothing was loaded. certification cpc: bad"):
        call_command("load_starter_content", stdout=StringIO())


# --- Spanish text beside the English -----------------------------------------------


def _with_spanish(monkeypatch, **spanish_by_model):
    """The real data files with `<field>_es` keys added to the first entry of some sections."""
    data = [(model, [dict(entry) for entry in entries]) for model, entries in starter_content.starter_data()]
    for model, entries in data:
        entries[0].update(spanish_by_model.get(model.__name__, {}))
    monkeypatch.setattr(starter_content, "starter_data", lambda: data)
    return {model: entries[0] for model, entries in data}


def test_spanish_keys_load_beside_the_english(monkeypatch):
    first = _with_spanish(monkeypatch, Skill={"name_es": "Atención al detalle", "summary_es": "Trabajo cuidadoso."})
    load_starter_content()
    skill = Skill.objects.get(slug=first[Skill]["slug"])
    assert skill.summary_es == "Trabajo cuidadoso." and skill.name_es == "Atención al detalle"
    assert skill.summary_en == first[Skill]["summary"] and skill.spanish_text_changed is not None


def test_rerun_fills_missing_spanish_and_keeps_an_editors(monkeypatch, loaded):
    sections = dict(starter_content.starter_data())
    path_entry = sections[QualificationPath][0]
    skill_slug, topic_slug = sections[Skill][0]["slug"], sections[CareerTopic][0]["slug"]
    # The data files carry Spanish now: empty the Spanish the rerun should fill.
    Skill.objects.filter(slug=skill_slug).update(summary_es="")
    PathStep.objects.filter(path__slug=path_entry["slug"]).update(note_es="")
    edited = CareerTopic.objects.get(slug=topic_slug)
    edited.summary_es = "Texto de una editora."
    edited.save()
    _with_spanish(
        monkeypatch,
        Skill={"summary_es": "Trabajo cuidadoso."},
        CareerTopic={"summary_es": "Texto del archivo."},
        QualificationPath={"steps": [{**step, "note_es": "Nota en español."} for step in path_entry["steps"]]},
    )

    report = load_starter_content()

    assert report.created == []
    assert Skill.objects.get(slug=skill_slug).summary_es == "Trabajo cuidadoso."
    assert CareerTopic.objects.get(slug=topic_slug).summary_es == "Texto de una editora."
    path = QualificationPath.objects.get(slug=path_entry["slug"])
    with_notes = [step for step in path.steps.all() if step.note_en]
    assert with_notes and all(step.note_es == "Nota en español." for step in with_notes)
    assert f"skill {skill_slug}" in report.translated and f"career benefit or tip {topic_slug}" in report.skipped
