"""A prospective student's walk through the site, and the printed pages."""

import re

import pytest
from playwright.sync_api import expect

from certifications.models import Certification
from qualifications.models import QualificationPath
from tests.browser.content import load_public_content

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(live_server):
    load_public_content()
    return live_server.url


@pytest.fixture
def console_errors(page):
    """Errors the page logs (a CSP violation by inline script or style shows up here),
    and every resource that failed to load, with its address."""
    errors = []

    def on_console(message):
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(message.text)

    def on_response(response):
        if response.status >= 400:
            errors.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", on_response)
    return errors


def test_student_walks_from_home_to_a_path_a_certification_and_a_skill(page, site, console_errors):
    page.goto(site + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("medical billing and coding")

    routes = page.get_by_role("region", name="The routes at a glance")
    first_path = QualificationPath.objects.published().first()
    routes.get_by_role("link", name=first_path.name).click()
    expect(page).to_have_url(re.compile(re.escape(first_path.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(first_path.name)
    expect(page.get_by_text("Total time")).to_be_visible()
    steps = page.locator("ol.timeline > li")
    expect(steps.first).to_contain_text("Step 1:")

    exam_step = steps.filter(has_text=re.compile(r"Pass the \S+ exam")).first
    exam_step.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/certifications/[\w-]+/$"))
    certification = Certification.objects.get(slug=page.url.rstrip("/").rsplit("/", 1)[1])
    expect(page.get_by_role("heading", level=1)).to_contain_text(certification.code)
    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb")
    expect(breadcrumbs.get_by_role("link", name="Certifications")).to_be_visible()
    for heading in ("The exam", "Price", f"Can you sit the {certification.code} exam?", "Keeping it"):
        expect(page.get_by_role("heading", level=2, name=heading)).to_be_visible()
    expect(page.locator(".last-reviewed")).to_contain_text("Last reviewed")

    skills = page.get_by_role("region", name="Skills it tests")
    skill_link = skills.get_by_role("link").first
    skill_name = skill_link.inner_text()
    skill_link.click()
    expect(page).to_have_url(re.compile(r"/skills/[\w-]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(skill_name)
    expect(page.get_by_role("link", name=f"{certification.code} — {certification.name}")).to_be_visible()
    expect(page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Skills")).to_be_visible()

    assert not console_errors, console_errors


def test_pages_load_their_styles_and_scripts_under_the_content_security_policy(page, site, console_errors):
    for url in ("/", "/certifications/", "/paths/"):
        page.goto(site + url)
        # Bootstrap and site.css applied: the container is centred with a maximum width.
        assert page.evaluate("getComputedStyle(document.querySelector('main.container')).maxWidth") != "none"
    assert page.evaluate("typeof window.bootstrap") == "object", "Bootstrap's JavaScript did not run"
    assert not console_errors, console_errors


@pytest.mark.parametrize("kind", ["certification", "path", "careers"])
def test_printed_page_shows_content_live_address_and_review_date_without_navigation(page, site, kind):
    url = {
        "certification": lambda: Certification.objects.published().first().get_absolute_url(),
        "path": lambda: QualificationPath.objects.published().first().get_absolute_url(),
        "careers": lambda: "/careers/",
    }[kind]()
    page.goto(site + url)
    expect(page.locator(".share-print-url")).to_be_hidden()
    page.emulate_media(media="print")

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("header.site-header")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_be_hidden()
    expect(page.locator(".skip-link")).to_be_hidden()
    live_url = page.locator(".share-print-url")
    expect(live_url).to_be_visible()
    expect(live_url).to_contain_text(url)
    review_date = page.locator(".last-reviewed")
    expect(review_date).to_be_visible()
    expect(review_date).to_contain_text("Last reviewed")
    # Printed sources carry their address, since a link cannot be followed on paper.
    first_source = page.locator(".sources a").first
    after = first_source.evaluate("a => getComputedStyle(a, '::after').content")
    assert first_source.get_attribute("href") in after


def test_printed_certification_keeps_the_official_page_address(page, site):
    certification = Certification.objects.published().first()
    page.goto(site + certification.get_absolute_url())
    page.emulate_media(media="print")
    official = page.locator(f'main a[href="{certification.official_url}"]').first
    expect(official).to_be_visible()
    assert certification.official_url in official.evaluate("a => getComputedStyle(a, '::after').content")


def test_printed_certification_list_shows_its_filters_and_review_date(page, site):
    page.goto(site + "/certifications/?focus=billing")
    page.emulate_media(media="print")
    expect(page.locator(".filter-form")).to_be_hidden()
    expect(page.locator(".share-print-url")).to_contain_text("/certifications/?focus=billing")
    expect(page.locator(".last-reviewed")).to_be_visible()
