"""Printed pages: a certification handout opened from a counselor's share link fits on two
A4 or Letter pages, with no blank page, no form or button, and ends with its QR code and address,
in English and in Spanish (whose sentences run longer)."""

import io

import pytest
from pypdf import PdfReader

from careerportal.sharing.models import ShareLink
from certifications.models import Certification
from tests.browser.content import load_public_content
from tests.sharing.conftest import make_counselor

pytestmark = pytest.mark.django_db(transaction=True)

#: A page with less text than this is as good as blank (a running header, a stray line).
MIN_CHARACTERS_PER_PAGE = 200
#: Each language's address prefix, and the words that introduce the printed address.
LANGUAGES = {"en": ("", "Live page:"), "es": ("/es", "Página en vivo:")}


@pytest.fixture
def shared_certifications(live_server):
    load_public_content()
    counselor = make_counselor("printer")
    links = {}
    for cert in Certification.objects.published():
        for language, (prefix, _live_page) in LANGUAGES.items():
            link = ShareLink(
                target=prefix + cert.get_absolute_url(),
                note="Read the exam section, then bring your questions on Tuesday.",
                owner=counselor,
            )
            link.full_clean()
            link.save()
            links[cert.code, language] = f"{live_server.url}{link.get_absolute_url()}"
    return links


def printed_pages(page, paper):
    pdf = page.pdf(format=paper, print_background=False)
    return [sheet.extract_text() for sheet in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_every_shared_certification_prints_on_two_pages_without_blank_ones(page, shared_certifications, paper):
    too_long, blank = {}, {}
    for (code, language), url in shared_certifications.items():
        page.goto(url)
        sheets = printed_pages(page, paper)
        if len(sheets) > 2:
            too_long[code, language] = len(sheets)
        blank_sheets = [number for number, text in enumerate(sheets, 1) if len(text.strip()) < MIN_CHARACTERS_PER_PAGE]
        if blank_sheets:
            blank[code, language] = blank_sheets
        live_page = LANGUAGES[language][1]
        assert live_page in sheets[-1], f"{code} ({language}): the last page has no address"
    assert not too_long, f"more than two {paper} pages: {too_long}"
    assert not blank, f"(nearly) blank {paper} pages: {blank}"


def test_paper_shows_no_form_button_or_question_without_its_form(page, shared_certifications):
    page.goto(shared_certifications["CPC", "en"])
    page.emulate_media(media="print")
    visible = page.evaluate(  # the official page's link stays, printed as text with its address
        """() => [...document.querySelectorAll('form, button, .btn:not([href^="http"]), input, select, textarea')]
                 .filter(el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
                 .map(el => el.outerHTML.slice(0, 80))"""
    )
    assert visible == []
    assert "Tell us your education" not in page.inner_text("main")
    assert page.locator(".share-print .qr-code").is_visible()
