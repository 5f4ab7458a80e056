"""The Spanish edition in Chromium: switch language from a page and back, keeping the page and its query,
and share the Spanish address (copy link, QR code address, printed address)."""

import pytest
from playwright.sync_api import expect

from tests.factories import CertificationFactory

pytestmark = pytest.mark.django_db(transaction=True)

SITE = "https://careers.example.org"


@pytest.fixture
def site(live_server, settings):
    settings.SITE_URL = SITE
    CertificationFactory(code="CPC", slug="cpc", name="Certified Professional Coder")
    return live_server.url


def test_switching_to_spanish_and_back_keeps_the_page_and_shares_the_spanish_address(page, site):
    page.goto(site + "/certifications/?focus=coding")
    page.get_by_role("link", name="Español").click()
    expect(page).to_have_url(site + "/es/certifications/?focus=coding")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_role("link", name="Certified Professional Coder").first.click()
    expect(page).to_have_url(site + "/es/certifications/cpc/")
    # share.js has turned the copy link into a button that copies this address
    expect(page.locator(".share-panel .share-copy")).to_have_attribute(
        "data-share-url", f"{SITE}/es/certifications/cpc/"
    )
    page.locator(".share-qr summary").click()
    expect(page.locator(".share-url")).to_have_text(f"{SITE}/es/certifications/cpc/")
    page.emulate_media(media="print")
    expect(page.locator(".share-print-url")).to_contain_text(f"{SITE}/es/certifications/cpc/")
    page.emulate_media(media="screen")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(site + "/certifications/cpc/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
