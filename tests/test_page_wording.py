"""Every public page, filled with the starter content: no section is said twice, and
no editor-only wording (the loader's change note, notes for editors) reaches visitors."""

import re
from html.parser import HTMLParser

import pytest

from careerportal.starter_content import load_starter_content
from certifications.models import Certification
from publishing.models import STARTER_CONTENT_NOTE, content_models
from qualifications.models import EducationStep, QualificationPath, Skill

PLAN = "/plan/?education={}&interest={}&hours_per_week=10&budget_usd=3000&start_within_months=12"


class Outline(HTMLParser):
    """The headings of a page's <main>, each with the headings above it (its outline path)."""

    def __init__(self):
        super().__init__()
        self.in_main = False
        self.level = None
        self.text = []
        self.stack = []  # (level, text)
        self.paths = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main = True
        elif self.in_main and re.fullmatch(r"h[1-6]", tag):
            self.level, self.text = int(tag[1]), []

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False
        elif self.level is not None and tag == f"h{self.level}":
            text = " ".join("".join(self.text).split())
            self.stack = [(level, words) for level, words in self.stack if level < self.level] + [(self.level, text)]
            self.paths.append(" › ".join(words for _level, words in self.stack))
            self.level = None

    def handle_data(self, data):
        if self.level is not None:
            self.text.append(data)


def public_urls():
    urls = ["/", "/paths/", "/education/", "/certifications/", "/skills/", "/careers/", "/feed/updates/"]
    for model in (QualificationPath, EducationStep, Certification, Skill):
        urls += [record.get_absolute_url() for record in model.objects.published()]
    urls += [cert.get_absolute_url() + "?education=10" for cert in Certification.objects.published()]
    urls += [PLAN.format(education, interest) for education in (0, 10, 30) for interest in ("coding", "both")]
    urls.append("/certifications/compare/?c=cpc&c=cca&c=cbcs&c=rhit")
    return urls


@pytest.fixture
def site(db, settings):
    settings.PAGE_CACHE_SECONDS = 0
    load_starter_content()


def editor_notes():
    notes = {STARTER_CONTENT_NOTE}
    for model in content_models():
        for prefix in model.figures:
            notes |= set(
                model.objects.exclude(**{f"{prefix}_editor_note": ""}).values_list(f"{prefix}_editor_note", flat=True)
            )
    return notes


def test_no_public_page_repeats_a_section_or_shows_editor_wording(client, site):
    notes = editor_notes()
    repeated, leaked = {}, {}
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        outline = Outline()
        outline.feed(page)
        twice = sorted({path for path in outline.paths if outline.paths.count(path) > 1})
        if twice:
            repeated[url] = twice
        shown = [note for note in notes if note in page]
        if shown:
            leaked[url] = shown
    assert repeated == {}
    assert leaked == {}


def test_a_certification_page_says_no_prerequisites_once(client, site):
    page = client.get("/certifications/cpc/?education=10").content.decode()
    main = page.split("<main", 1)[1].split("</main>", 1)[0].lower()
    assert main.count("no proof of education") == 2  # the summary, and the rule with its source
    assert "tell us your education" not in main
    assert main.count("keeping it") == 1
    assert main.count("apprentice status (cpc-a)") == 1  # the CPC-A rules are printed once
