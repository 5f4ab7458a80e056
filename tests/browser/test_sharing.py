"""Sharing in Chromium: the copy button, the printed QR code, and share links with a counselor's note."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from careerportal.sharing.models import COUNSELORS_GROUP, ShareLink
from tests.factories import CertificationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

SITE = "https://careers.example.org"


@pytest.fixture
def site(live_server, settings):
    settings.SITE_URL = SITE
    CertificationFactory(code="CPC", slug="cpc", name="Certified Professional Coder")
    return live_server.url


@pytest.fixture
def counselor(db):
    user = UserFactory(username="counselor")
    user.groups.add(Group.objects.get_or_create(name=COUNSELORS_GROUP)[0])
    return user


@pytest.fixture
def console_errors(page):
    """Errors the page logs; a CSP violation (inline script or style) would show up here.
    The browser's own /favicon.ico request is not the page's doing: the site has no favicon yet."""
    errors = []

    def on_console(message):
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_copy_button_copies_the_canonical_address_and_says_so(page, site, console_errors):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page.goto(site + "/certifications/cpc/?utm_source=newsletter")

    page.get_by_role("button", name="Copy link").click()

    expect(page.locator("#share-status")).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == f"{SITE}/certifications/cpc/"
    assert console_errors == []


def test_without_javascript_copy_link_is_a_plain_link(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/certifications/cpc/")
    expect(page.get_by_role("link", name="Copy link")).to_have_attribute("href", f"{SITE}/certifications/cpc/")
    expect(page.get_by_role("button", name="Copy link")).to_have_count(0)
    context.close()


def test_qr_code_opens_on_screen_and_prints_with_the_address_at_the_bottom(page, site):
    page.goto(site + "/certifications/cpc/")
    page.get_by_text("QR code for a phone or a handout").click()
    expect(page.locator(".share-qr svg")).to_be_visible()
    expect(page.locator(".share-print")).to_be_hidden()

    page.emulate_media(media="print")
    printed = page.locator(".share-print")
    expect(printed.locator("svg")).to_be_visible()
    expect(printed).to_contain_text(f"Live page: {SITE}/certifications/cpc/")
    expect(page.locator(".share-qr")).to_be_hidden()
    expect(page.locator(".share-copy")).to_be_hidden()
    heading_top = page.get_by_role("heading", level=1).bounding_box()["y"]
    assert printed.bounding_box()["y"] > heading_top


def test_student_opens_a_share_link_and_reads_the_note(page, site, counselor, console_errors):
    link = ShareLink.objects.create(
        target="/certifications/cpc/", note="Read the exam part <b>first</b>.", owner=counselor
    )
    page.goto(site + f"/s/{link.code}/")

    note = page.get_by_role("complementary", name="Note from your counselor")
    expect(note).to_contain_text("Read the exam part <b>first</b>.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("CPC")
    expect(page.locator('link[rel="canonical"]')).to_have_attribute("href", f"{SITE}/certifications/cpc/")
    assert console_errors == []


def test_counselor_signs_in_makes_a_link_and_a_student_opens_it(browser, page, site, counselor):
    page.goto(site + "/counselor/")
    page.get_by_label("Username").fill("counselor")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your share links")

    page.get_by_role("link", name="New share link").click()
    page.get_by_label("Page").fill(f"{SITE}/certifications/cpc/")
    page.get_by_label("Note").fill("Bring your questions on Tuesday.")
    page.get_by_role("button", name="Make the link").click()
    expect(page.get_by_text("Link created")).to_be_visible()

    link = ShareLink.objects.get()
    student = browser.new_context()
    student_page = student.new_page()
    student_page.goto(site + f"/s/{link.code}/")
    expect(student_page.get_by_role("complementary", name="Note from your counselor")).to_contain_text(
        "Bring your questions on Tuesday."
    )
    student.close()
