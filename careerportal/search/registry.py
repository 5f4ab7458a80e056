"""What the site search looks in: every published content type, with its
fields weighted title (A) over summary (B) over body (C), and the fields in
which typos are forgiven (`trigram_fields`).

These fields are indexed when a record is saved (index.py: PostgreSQL stores the
weighted vector, SQLite the text in its FTS5 table); change a list here and run
`manage.py rebuild_search_index`."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from certifications.models import Certification, CertifyingBody, CodeSet
from qualifications.models import CareerTopic, EducationStep, Occupation, OutlookFigure, QualificationPath, Skill


@dataclass(frozen=True)
class SearchableType:
    key: str  # the value of ?type= that shows more of this group
    label: str
    model: type
    title_fields: tuple[str, ...]
    summary_fields: tuple[str, ...]
    body_fields: tuple[str, ...]
    trigram_fields: tuple[str, ...]  # the names typos are forgiven in

    def columns(self, names, language):
        """Every column the text of these fields in `language` is read from."""
        return tuple(column for name in names for column in localized_columns(self.model, name, language))

    def title_of(self, record, language):
        titles = (localized_text(record, name, language) for name in self.title_fields)
        return " — ".join(title for title in titles if title)


def localized_columns(model, name, language):
    """The columns a field's text in `language` is read from, the first with text
    winning: its translation, then the default language's, so a record written
    only in English is still found (and shown) in Spanish. A field without
    translations is its own column."""
    existing = {field.attname for field in model._meta.concrete_fields}
    translated = [f"{name}_{language}", f"{name}_{settings.LANGUAGE_CODE}"]
    return tuple(dict.fromkeys(column for column in translated if column in existing)) or (name,)


def localized_text(record, name, language):
    for column in localized_columns(type(record), name, language):
        value = getattr(record, column)
        if value:
            return str(value)
    return ""


SEARCHABLE_TYPES = (
    SearchableType(
        key="certifications",
        label=_("Certifications"),
        model=Certification,
        title_fields=("code", "name"),
        summary_fields=("summary",),
        body_fields=("description", "prerequisites"),
        trigram_fields=("code", "name"),
    ),
    SearchableType(
        key="paths",
        label=_("Qualification paths"),
        model=QualificationPath,
        title_fields=("name", "role"),
        summary_fields=("summary",),
        body_fields=("description",),
        trigram_fields=("name",),
    ),
    SearchableType(
        key="education",
        label=_("Education steps"),
        model=EducationStep,
        title_fields=("name",),
        summary_fields=("summary",),
        body_fields=("description", "covers"),
        trigram_fields=("name",),
    ),
    SearchableType(
        key="skills",
        label=_("Skills"),
        model=Skill,
        title_fields=("name",),
        summary_fields=("summary",),
        body_fields=("on_the_job", "how_to_build"),
        trigram_fields=("name",),
    ),
    SearchableType(
        key="occupations",
        label=_("Occupations"),
        model=Occupation,
        title_fields=("name",),
        summary_fields=("summary",),
        body_fields=("tasks", "sample_titles", "work_settings", "description"),
        trigram_fields=("name",),
    ),
    SearchableType(
        key="careers",
        label=_("Career benefits and tips"),
        model=CareerTopic,
        title_fields=("title",),
        summary_fields=("summary",),
        body_fields=("description",),
        trigram_fields=("title",),
    ),
    SearchableType(
        key="outlook",
        label=_("Pay and outlook"),
        model=OutlookFigure,
        title_fields=("label",),
        summary_fields=("group",),
        body_fields=("period",),
        trigram_fields=("label",),
    ),
    SearchableType(
        key="code-sets",
        label=_("Code sets"),
        model=CodeSet,
        title_fields=("name", "full_name"),
        summary_fields=("codes_what",),
        body_fields=("maintainer", "update_cadence"),
        trigram_fields=("name", "full_name"),
    ),
    SearchableType(
        key="bodies",
        label=_("Certifying bodies"),
        model=CertifyingBody,
        title_fields=("abbreviation", "name"),
        summary_fields=("summary",),
        body_fields=(),
        trigram_fields=("abbreviation", "name"),
    ),
)

TYPES_BY_KEY = {searchable.key: searchable for searchable in SEARCHABLE_TYPES}
