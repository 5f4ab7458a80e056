"""Load the editorial starter content from the apps' JSON data files.

Each data file holds lists of objects whose keys are model field names;
related records are named by slug (sources by url). The loader creates what
is missing and skips every record that already exists, so an editor's
changes survive a rerun: links (many-to-many fields, path steps) are set only
on records it creates. A certification's eligibility requirements are loaded
together, and only for a certification that has none yet.

Spanish text sits beside the English as `<field>_es` keys (`summary`, `summary_es`).
On a record that exists already, the loader fills a Spanish text only where the
record has none, so a translation added later reaches existing databases and an
editor's Spanish is never overwritten. A row (path step, requirement) gets its
Spanish only while its English is still the data file's.
"""

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction

from certifications.models import Certification, CertifyingBody, CodeSet, EducationLevel, Requirement
from publishing.models import STARTER_CONTENT_NOTE, Source, translated_originals
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

CHANGE_REASON = STARTER_CONTENT_NOTE


class StarterContentError(Exception):
    """An entry of a data file that cannot be loaded; the message names it."""


@dataclass
class StarterContentReport:
    """What one run did: the names of the records it created, gave missing Spanish text to, and skipped."""

    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    translated: list[str] = field(default_factory=list)

    @property
    def summary(self):
        summary = f"created {len(self.created)}, skipped {len(self.skipped)}"
        return f"{summary}, Spanish added to {len(self.translated)}" if self.translated else summary


def data_file(app_label, *parts):
    return Path(apps.get_app_config(app_label).path).joinpath(*parts)


def _read(app_label, *parts):
    with data_file(app_label, *parts).open(encoding="utf-8") as file:
        # Decimal keeps figures such as 21.20 exact for DecimalField validation.
        return json.load(file, parse_float=Decimal)


def starter_data():
    """Every section of the data files as (model, entries), in load order:
    a record comes after the records it refers to."""
    sources = _read("publishing", "starter_content", "sources.json")
    certifications = _read("certifications", "starter_content.json")
    qualifications = _read("qualifications", "starter_content.json")
    return [
        (Source, sources),
        (CertifyingBody, certifications["certifying_bodies"]),
        (CodeSet, certifications["code_sets"]),
        (Certification, certifications["certifications"]),
        (Requirement, certifications["requirements"]),
        (EducationStep, qualifications["education_steps"]),
        (ExamCost, qualifications["exam_costs"]),
        (Skill, qualifications["skills"]),
        (Occupation, qualifications["occupations"]),
        (QualificationPath, qualifications["paths"]),
        (OutlookFigure, qualifications["outlook_figures"]),
        (CareerTopic, qualifications["career_topics"]),
    ]


def load_starter_content(*, stdout=None):
    """Create the missing starter records and return a StarterContentReport.
    Writes one line per record (and a summary) to `stdout` when given. All or
    nothing: an invalid entry raises StarterContentError and rolls back."""
    report = StarterContentReport()

    def say(line):
        if stdout is not None:
            stdout.write(line + "\n")

    with transaction.atomic():
        for model, entries in starter_data():
            if model is Requirement:
                _load_requirements(entries=entries, report=report, say=say)
                continue
            for entry in entries:
                _load_entry(model=model, entry=entry, report=report, say=say)
    say(report.summary)
    return report


def _key_field(model):
    return "url" if model is Source else "slug"


def _load_entry(*, model, entry, report, say):
    key_field = _key_field(model)
    key = entry.get(key_field)
    if not key:
        raise StarterContentError(f"A {model._meta.verbose_name} entry has no {key_field}: {entry!r}")
    name = f"{model._meta.verbose_name} {key}"
    existing = model._default_manager.filter(**{key_field: key}).first()
    if existing is not None:
        filled = _fill_spanish(existing, entry, name=name)
        if model is QualificationPath:
            steps = [{**step, "position": position} for position, step in enumerate(entry.get("steps", []), start=1)]
            filled += _fill_row_spanish(existing.steps.all(), steps, ["position", "note"], name=name)
        if filled:
            report.translated.append(name)
            say(f"Spanish added to {name} ({', '.join(filled)})")
        else:
            report.skipped.append(name)
            say(f"skipped {name} (already exists)")
        return

    entry = dict(entry)
    steps = entry.pop("steps", []) if model is QualificationPath else []
    values, links = _field_values(model=model, entry=entry, name=name)
    record = _save(model(**values), name=name)
    for field_name, related in links.items():
        getattr(record, field_name).set(related)
    for position, step in enumerate(steps, start=1):
        step_values, _links = _field_values(model=PathStep, entry=step, name=f"{name} step {position}")
        _save(PathStep(path=record, position=position, **step_values), name=f"{name} step {position}")

    report.created.append(name)
    say(f"created {name}" + (f" ({len(steps)} steps)" if steps else ""))


def _load_requirements(*, entries, report, say):
    by_certification = {}
    for entry in entries:
        by_certification.setdefault(entry.get("certification"), []).append(entry)
    for slug, group in by_certification.items():
        names = [f"eligibility requirement {slug} #{number}" for number in range(1, len(group) + 1)]
        existing = Requirement.objects.filter(certification__slug=slug)
        if existing.exists():
            keys = ["route", "kind", "wording"]
            filled = _fill_row_spanish(existing, group, keys, name=f"eligibility requirements {slug}")
            for name in names:
                report.skipped.append(name)
                say(f"skipped {name} (the certification has requirements already)")
            if filled:
                say(f"Spanish added to eligibility requirements {slug} ({', '.join(filled)})")
            continue
        for name, entry in zip(names, group, strict=True):
            values, _links = _field_values(model=Requirement, entry=entry, name=name)
            _save(Requirement(**values), name=name)
            report.created.append(name)
            say(f"created {name}")


def _spanish_values(model, entry):
    """{Spanish column: text} of the translated fields an entry gives in Spanish."""
    return {f"{name}_es": entry[f"{name}_es"] for name in translated_originals(model) if entry.get(f"{name}_es")}


def _fill_spanish(record, entry, *, name):
    """Give `record` the entry's Spanish texts it lacks (saved with the starter note); the columns filled."""
    filled = [column for column, text in _spanish_values(type(record), entry).items() if not getattr(record, column)]
    if filled:
        for column in filled:
            setattr(record, column, entry[column])
        _save(record, name=name)
    return filled


def _fill_row_spanish(rows, entries, keys, *, name):
    """Give each existing row the Spanish of the entry with the same `keys` values (English text
    compared in English); rows an editor changed match no entry. The columns filled, per row."""
    english = {name: f"{name}_en" if name in translated_originals(rows.model) else name for name in keys}
    filled = []
    for row in rows:
        row_key = [getattr(row, column) for column in english.values()]
        for entry in entries:
            if [entry.get(key, rows.model._meta.get_field(key).get_default()) for key in keys] == row_key:
                filled += [f"#{row.pk} {column}" for column in _fill_spanish(row, entry, name=name)]
                break
    return filled


def _field_values(*, model, entry, name):
    """Model field values and many-to-many links from one data-file entry,
    with related records looked up by slug (sources by url). English text goes
    to the English column whatever language is active."""
    values, links = {}, {}
    originals = translated_originals(model)
    for field_name, value in entry.items():
        if field_name in originals:
            field_name = f"{field_name}_en"
        try:
            model_field = model._meta.get_field(field_name)
        except FieldDoesNotExist as error:
            raise StarterContentError(f"{name}: {model.__name__} has no field {field_name!r}.") from error
        if model_field.many_to_many:
            links[field_name] = [_related(model_field.related_model, key, name=name) for key in value]
        elif model_field.many_to_one or model_field.one_to_one:
            values[field_name] = None if value is None else _related(model_field.related_model, value, name=name)
        elif isinstance(model_field, models.IntegerField) and model_field.choices and isinstance(value, str):
            values[field_name] = _education_level(value, name=name, field_name=field_name)
        else:
            values[field_name] = value
    return values, links


def _education_level(value, *, name, field_name):
    # The data files name levels (HIGH_SCHOOL) rather than store their numbers.
    try:
        return EducationLevel[value]
    except KeyError as error:
        choices = ", ".join(EducationLevel.names)
        raise StarterContentError(f"{name}: {field_name} {value!r} is not one of {choices}.") from error


def _related(model, key, *, name):
    key_field = _key_field(model)
    try:
        return model._default_manager.get(**{key_field: key})
    except model.DoesNotExist as error:
        raise StarterContentError(
            f"{name}: no {model._meta.verbose_name} with {key_field} {key!r}. "
            "Add it to the data files, or check the spelling."
        ) from error


def _save(record, *, name):
    try:
        record.full_clean()
    except ValidationError as error:
        raise StarterContentError(f"{name}: {error.message_dict}") from error
    record._change_reason = CHANGE_REASON
    record.save()
    return record
