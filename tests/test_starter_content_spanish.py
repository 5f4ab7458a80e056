"""The Spanish starter content: every translatable text of the data files has
a `<field>_es` next to it that says the same thing with the same figures,
links and line structure. Reads the JSON files only (no database)."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from certifications.models import Certification, CertifyingBody, CodeSet, Requirement
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

# (data file, section) -> the model and its fields translated with django-modeltranslation.
# EducationStep.employer_expectation is a choice ("required"/"optional") whose label the
# catalogue translates, so it has no Spanish column of its own.
TRANSLATED = {
    ("certifications", "certifying_bodies"): (CertifyingBody, {"name", "summary"}),
    ("certifications", "code_sets"): (CodeSet, {"full_name", "codes_what", "update_cadence"}),
    ("certifications", "certifications"): (
        Certification,
        {
            "name",
            "summary",
            "description",
            "exam_questions_detail",
            "exam_delivery",
            "exam_passing",
            "price_detail",
            "prerequisites",
            "apprentice_designation",
            "apprentice_rules",
            "renewal_detail",
            "exam_as_of_label",
            "price_as_of_label",
            "renewal_as_of_label",
        },
    ),
    ("certifications", "requirements"): (Requirement, {"wording", "rule_as_of_label"}),
    ("qualifications", "education_steps"): (
        EducationStep,
        {"name", "summary", "description", "covers", "duration_as_of_label", "cost_as_of_label"},
    ),
    ("qualifications", "exam_costs"): (
        ExamCost,
        {"fee_spread", "dues_spread", "retakes", "fee_as_of_label", "dues_as_of_label"},
    ),
    ("qualifications", "skills"): (Skill, {"name", "summary", "on_the_job", "how_to_build"}),
    ("qualifications", "occupations"): (
        Occupation,
        {"name", "summary", "description", "tasks", "work_settings", "entry_education", "sample_titles"},
    ),
    ("qualifications", "paths"): (QualificationPath, {"name", "role", "summary", "description"}),
    ("qualifications", "outlook_figures"): (OutlookFigure, {"label", "group", "period", "figure_as_of_label"}),
    ("qualifications", "career_topics"): (CareerTopic, {"title", "summary", "description"}),
}
PATH_STEP_FIELDS = {"note"}

# Fields written one item per line (shown as lists).
LINE_LISTS = {"covers", "tasks", "work_settings", "sample_titles"}

# Proper names that may stay in English: organisations, official credential and code set names.
MAY_STAY_ENGLISH = {
    (CertifyingBody, "name"),
    (Certification, "name"),
    (Certification, "apprentice_designation"),
    (CodeSet, "full_name"),
}


def _no_repeated_keys(pairs):
    keys = [key for key, _value in pairs]
    repeated = sorted(key for key, count in Counter(keys).items() if count > 1)
    assert not repeated, f"keys given twice in one record: {repeated}"
    return dict(pairs)


def _read(app_label):
    # json.load would silently keep the last of two equal keys: a second "name_es" would hide the first.
    with (Path(settings.BASE_DIR) / app_label / "starter_content.json").open(encoding="utf-8") as file:
        return json.load(file, object_pairs_hook=_no_repeated_keys)


def _texts():
    """(label, model, record, fields) for every record and path step of the data files."""
    files = {app_label: _read(app_label) for app_label in ("certifications", "qualifications")}
    for (app_label, section), (model, fields) in TRANSLATED.items():
        for record in files[app_label][section]:
            name = record.get("slug") or "-".join(str(record.get(key)) for key in ("certification", "route", "kind"))
            label = f"{section} {name}"
            yield label, model, record, fields
            for position, step in enumerate(record.get("steps", []), start=1):
                yield f"{label} step {position}", PathStep, step, PATH_STEP_FIELDS


def _pairs():
    """(label, model, field, English, Spanish) for every translated text."""
    for label, model, record, fields in _texts():
        for field in sorted(fields):
            if record.get(field):
                yield label, model, field, record[field], record.get(f"{field}_es")


PAIRS = list(_pairs())
PAIR_IDS = [f"{label} {field}" for label, _model, field, _english, _spanish in PAIRS]

# A thousands group (1,234 / 1.234 / 1 234 with a no-break space) or a decimal (21.20 / 21,20).
NUMBER = re.compile(r"\d{1,3}(?:[,.\u00a0\u202f]\d{3})+(?![\d,.]\d)|\d+(?:[.,]\d+)?")
MARKDOWN_LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")


def _numbers(text):
    found = []
    for number in NUMBER.findall(text):
        if re.fullmatch(r"\d{1,3}(?:[,.\u00a0\u202f]\d{3})+", number):
            found.append(re.sub(r"\D", "", number))
        else:
            found.append(number.replace(",", "."))
    return Counter(found)


def test_the_data_files_have_translatable_text():
    assert len(PAIRS) > 150


@pytest.mark.parametrize(("label", "model", "field", "english", "spanish"), PAIRS, ids=PAIR_IDS)
def test_every_english_text_has_a_spanish_text_right_after_it(label, model, field, english, spanish):
    assert isinstance(spanish, str) and spanish.strip(), f"{label}: {field}_es is missing or empty"
    assert spanish == spanish.strip()


def test_the_spanish_key_follows_its_english_key():
    for label, _model, record, fields in _texts():
        keys = list(record)
        for field in fields & set(keys):
            if f"{field}_es" in record:
                assert keys[keys.index(field) + 1] == f"{field}_es", label


def test_no_spanish_key_for_a_field_that_is_not_translated():
    for label, _model, record, fields in _texts():
        spanish_keys = {key for key in record if key.endswith("_es")}
        assert spanish_keys <= {f"{field}_es" for field in fields}, label


@pytest.mark.parametrize(("label", "model", "field", "english", "spanish"), PAIRS, ids=PAIR_IDS)
def test_the_spanish_text_has_the_same_figures(label, model, field, english, spanish):
    assert _numbers(spanish) == _numbers(english), f"{label}: {field}_es"


@pytest.mark.parametrize(("label", "model", "field", "english", "spanish"), PAIRS, ids=PAIR_IDS)
def test_the_spanish_text_links_to_the_same_pages(label, model, field, english, spanish):
    assert sorted(MARKDOWN_LINK_TARGET.findall(spanish)) == sorted(MARKDOWN_LINK_TARGET.findall(english))


@pytest.mark.parametrize(("label", "model", "field", "english", "spanish"), PAIRS, ids=PAIR_IDS)
def test_the_spanish_text_keeps_the_line_structure(label, model, field, english, spanish):
    if field in LINE_LISTS:
        assert len(spanish.splitlines()) == len(english.splitlines())
    bullets = re.compile(r"^- ", re.MULTILINE)
    assert len(bullets.findall(spanish)) == len(bullets.findall(english))
    assert spanish.count("\n\n") == english.count("\n\n")
    assert spanish.count("**") == english.count("**")


@pytest.mark.parametrize(("label", "model", "field", "english", "spanish"), PAIRS, ids=PAIR_IDS)
def test_the_spanish_text_is_written_in_spanish(label, model, field, english, spanish):
    if (model, field) not in MAY_STAY_ENGLISH and english != english.upper():
        assert spanish != english


@pytest.mark.parametrize(("label", "model", "field", "english", "spanish"), PAIRS, ids=PAIR_IDS)
def test_the_spanish_text_fits_its_column(label, model, field, english, spanish):
    # django-modeltranslation gives <field>_es the English field's max_length.
    max_length = model._meta.get_field(field).max_length
    if max_length:
        assert len(spanish) <= max_length


@pytest.mark.parametrize(("label", "model", "field", "english", "spanish"), PAIRS, ids=PAIR_IDS)
def test_an_unconfirmed_english_text_stays_unconfirmed_in_spanish(label, model, field, english, spanish):
    if re.search(r"unconfirmed|not confirmed", english, re.IGNORECASE):
        assert re.search(r"sin confirmar|no está confirmad", spanish, re.IGNORECASE)


def test_figures_are_compared_as_numbers():
    assert _numbers("$1,234 and 21.20 in 2019–29") == _numbers("1\u00a0234 $ y 21,20 en 2019–29")
    assert _numbers("7,972 holders") != _numbers("7.792 personas")
    assert _numbers("70%") != _numbers("75 %")


def test_the_translated_fields_are_the_ones_registered_with_modeltranslation():
    # The loader sets every key as a model field, so each `_es` key needs its column, and a newly
    # registered text field needs its Spanish starter text.
    if "modeltranslation" not in settings.INSTALLED_APPS:
        pytest.skip("django-modeltranslation is not set up on this branch")
    from modeltranslation.translator import translator

    expected = {model: fields for model, fields in TRANSLATED.values()} | {PathStep: PATH_STEP_FIELDS}
    for model, fields in expected.items():
        registered = set(translator.get_options_for_model(model).fields)
        assert fields == {name for name in registered if not model._meta.get_field(name).choices}, model.__name__
