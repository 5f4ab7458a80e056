"""The Spanish interface: the catalogue is complete and current, its placeholders match, and key pages
come out in Spanish with no interface string left in English."""

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.db.models import CharField, TextField
from django.urls import reverse
from django.utils import translation

from careerportal.starter_content import load_starter_content

CATALOGUE = Path(settings.BASE_DIR, "locale", "es", "LC_MESSAGES", "django.po")
PLACEHOLDER = re.compile(r"%\([^)]+\)[sd]|%[sd]")
TAG = re.compile(r"<[^>]+>")
# What makemessages skips (as in docs/translation.md), plus what a copy of the project does not need.
NOT_SCANNED = (
    ".venv",
    ".git",
    "tests",
    "bench",
    "staticfiles",
    "test-results",
    "*.mo",
    "*.sqlite3*",
    "__pycache__",
    ".*cache",
)


def untranslated(catalogue):
    return [entry.msgid for entry in catalogue if not entry.obsolete and not entry.translated()]


def fuzzy(catalogue):
    return [entry.msgid for entry in catalogue if "fuzzy" in entry.flags]


def test_every_string_in_the_catalogue_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(CATALOGUE)
    assert len(catalogue) > 700
    assert untranslated(catalogue) == []
    assert fuzzy(catalogue) == []
    assert not catalogue.metadata_is_fuzzy
    assert catalogue.metadata["Language"] == "es"


def test_the_catalogue_holds_every_string_the_code_marks(tmp_path):
    """makemessages on a copy of the project merges the current strings into the catalogue: any string added
    or changed since the catalogue was refreshed comes out untranslated (or fuzzy)."""
    copy = tmp_path / "project"
    shutil.copytree(settings.BASE_DIR, copy, ignore=shutil.ignore_patterns(*NOT_SCANNED), symlinks=True)
    command = [sys.executable, "manage.py", "makemessages", "--locale", "es", "--no-obsolete", "--verbosity", "0"]
    command += [f"--ignore={folder}" for folder in (".venv", "tests", "bench")]
    subprocess.run(command, cwd=copy, check=True, capture_output=True)
    refreshed = polib.pofile(copy / CATALOGUE.relative_to(settings.BASE_DIR))
    assert untranslated(refreshed) == []
    assert fuzzy(refreshed) == []


def test_translations_keep_placeholders_and_markup():
    wrong = []
    for entry in polib.pofile(CATALOGUE):
        if entry.msgid_plural:
            wanted = sorted(set(PLACEHOLDER.findall(entry.msgid_plural)))
            # The singular may say "one" in words instead of %(count)s; every plural form names them all.
            forms = {index: text for index, text in entry.msgstr_plural.items() if index}
            wrong += [entry.msgid for text in forms.values() if sorted(set(PLACEHOLDER.findall(text))) != wanted]
            singular = set(PLACEHOLDER.findall(entry.msgstr_plural[0]))
            if not singular <= set(wanted):
                wrong.append(entry.msgid)
        else:
            if sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(PLACEHOLDER.findall(entry.msgstr)):
                wrong.append(entry.msgid)
            if TAG.findall(entry.msgid) != TAG.findall(entry.msgstr):
                wrong.append(entry.msgid)
    assert wrong == []


def test_the_compiled_catalogue_is_the_current_one():
    """Tests (and `make run`) read the .mo: conftest and `make messages` compile it when the .po is newer."""
    assert CATALOGUE.with_suffix(".mo").stat().st_mtime >= CATALOGUE.stat().st_mtime
    with translation.override("es"):
        assert translation.gettext("Skip to main content") == "Saltar al contenido principal"
        assert translation.ngettext("%(counter)s version", "%(counter)s versions", 1) == "%(counter)s versión"
        assert translation.ngettext("%(counter)s version", "%(counter)s versions", 3) == "%(counter)s versiones"


class Text(HTMLParser):
    """What a reader meets on a page: its text and the attributes read aloud or shown (not scripts)."""

    SPOKEN = {"aria-label", "title", "alt", "placeholder", "content"}

    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        self.parts += [value for name, value in attrs if name in self.SPOKEN and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)

    @classmethod
    def of(cls, html):
        parser = cls()
        parser.feed(html)
        return " ".join(" ".join(parser.parts).split())


def content_text():
    """Every text the editors wrote: it is still English (its Spanish comes with the content translation)."""
    texts = []
    for model in apps.get_models():
        if model._meta.app_label in ("certifications", "qualifications", "publishing"):
            fields = [f.name for f in model._meta.concrete_fields if isinstance(f, CharField | TextField)]
            texts += [value for row in model.objects.values_list(*fields) for value in row if value]
    return " ".join(" ".join(texts).split())


def interface_strings():
    """The English interface strings that read differently in Spanish, without placeholders (their fixed
    parts are checked through the pages that use them) and not also written in the content."""
    content = content_text()
    strings = {
        " ".join(entry.msgid.split())
        for entry in polib.pofile(CATALOGUE)
        if not entry.msgid_plural and entry.msgstr != entry.msgid and not PLACEHOLDER.search(entry.msgid)
    }
    # One- and two-word strings such as "Coding" or "Not yet" also occur in the content's sentences.
    return [text for text in strings if len(text.split()) > 2 and not TAG.search(text) and text not in content]


@pytest.fixture
def site(db):
    load_starter_content()


def key_pages():
    """Home, lists, a certification with the eligibility check, the compare table, the path finder with answers,
    search, and a page that does not exist: each address as the active language writes it."""
    answers = "?education=10&interest=both&hours_per_week=10&budget_usd=3000&start_within_months=12"
    return [
        (reverse("home"), 200),
        (reverse("certifications:list"), 200),
        (reverse("certifications:detail", kwargs={"slug": "cpc"}) + "?education=10", 200),
        (reverse("certifications:compare") + "?c=cpc&c=cca&c=cbcs", 200),
        (reverse("qualifications:path-list"), 200),
        (reverse("qualifications:path-finder"), 200),
        (reverse("qualifications:path-finder") + answers, 200),
        (reverse("qualifications:education-list"), 200),
        (reverse("qualifications:skill-list"), 200),
        (reverse("qualifications:careers"), 200),
        (reverse("search:results") + "?q=coder", 200),
        (reverse("search:results") + "?q=zzzqqq", 200),
        (reverse("certifications:detail", kwargs={"slug": "no-such-credential"}), 404),
    ]


def get(client, language):
    """{address in English: the page in this language}"""
    with translation.override("en"):
        english = [url for url, _status in key_pages()]
    with translation.override(language):
        pages = key_pages()
    texts = {}
    for name, (url, status) in zip(english, pages, strict=True):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == status, url
        texts[name] = response.content.decode()
    return texts


def test_key_pages_read_in_spanish_with_no_interface_string_left_in_english(client, site):
    english, spanish = get(client, "en"), get(client, "es")
    strings = interface_strings()
    left = {}
    for url, spanish_page in spanish.items():
        english_text, spanish_text = Text.of(english[url]), Text.of(spanish_page)
        shown = [text for text in strings if text in english_text]
        assert shown, url  # the comparison means something: the English page shows interface strings
        if still := [text for text in shown if text in spanish_text]:
            left[url] = still
        assert 'lang="es"' in spanish_page, url
        assert "Saltar al contenido principal" in spanish_text
    assert left == {}, repr(left)[:100000]


def test_the_path_finder_explains_in_spanish_with_plural_and_agreement(client, site):
    with translation.override("es"):
        url = reverse("qualifications:path-finder")
    answers = "?education=10&interest=coding&hours_per_week=5&budget_usd=500&start_within_months=3"
    text = Text.of(client.get(url + answers, HTTP_ACCEPT_LANGUAGE="es").content.decode())
    assert "Rutas ordenadas para ti" in text
    assert "Dijiste que puedes estudiar 5 horas por semana." in text
    assert "Dura al menos 10 meses, más que los 3 meses que indicaste." in text
    assert "Ya tienes un diploma de escuela secundaria o GED, así que puedes saltarte ese paso." in text
    # One step of unknown cost, then two: the singular and the plural sentence.
    assert "así que el total no lo incluye: pregunta el precio antes de inscribirte." in text
    assert "así que el total no los incluye: pregunta los precios antes de inscribirte." in text


def test_the_eligibility_check_answers_in_spanish(client, site):
    with translation.override("es"):
        cpc = reverse("certifications:detail", kwargs={"slug": "cpc"})
        cbcs = reverse("certifications:detail", kwargs={"slug": "cbcs"})
    text = Text.of(client.get(cpc + "?education=10", HTTP_ACCEPT_LANGUAGE="es").content.decode())
    assert "¿Puedes presentar el examen CPC?" in text
    assert "Sí, si tienes la membresía de AAPC." in text
    text = Text.of(client.get(cbcs + "?education=0", HTTP_ACCEPT_LANGUAGE="es").content.decode())
    assert "Aún necesitas una de estas opciones:" in text
    assert "un diploma de escuela secundaria o GED y 1 año de experiencia laboral supervisada" in text


def test_spanish_pages_write_dates_in_spanish_and_dollars_the_us_way(client, site):
    with translation.override("es"):
        careers, skills = reverse("qualifications:careers"), reverse("qualifications:skill-list")
    text = Text.of(client.get(careers, HTTP_ACCEPT_LANGUAGE="es").content.decode())
    # Dollars as on the BLS pages ("$50,250"), not "$50 250" or "$50.250".
    assert re.search(r"\$\d{2},\d{3}\b", text)
    assert not re.search(r"\$\d{2}[ .\u00a0]\d{3}\b", text)
    text = Text.of(client.get(skills, HTTP_ACCEPT_LANGUAGE="es").content.decode())
    assert re.search(r"Última revisión \d{1,2} de [a-z]+ de \d{4}", text)
    with translation.override("en"):
        english = Text.of(client.get(reverse("qualifications:skill-list")).content.decode())
    assert re.search(r"Last reviewed \d{1,2} [A-Z][a-z]+ \d{4}", english)
