"""The editorial workflow in a real browser: an editor changes a certification's
exam price as a draft with a change note and previews it; a publisher publishes
it; visitors see the new price and the note; the publisher reverts it and the
old price is back."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import expect

from publishing.models import PendingChange
from tests.factories import CertificationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"
NOTE = "Exam price updated to $399 (AAPC price list, 2026)"


@pytest.fixture
def workflow(live_server):
    call_command("setup_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    editor = UserFactory(username="editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    publisher = UserFactory(username="publisher", is_staff=True)
    publisher.groups.add(Group.objects.get(name="Publishers"))
    cert = CertificationFactory(
        code="CPC",
        slug="cpc",
        name="Certified Professional Coder",
        price_usd=300,
        last_reviewed=datetime.date.today(),
    )
    return live_server.url, cert


@pytest.fixture
def browser_errors():
    """Console errors (a CSP violation shows up here) and failed responses, per page."""
    errors = []

    def watch(page):
        # Failed loads are reported with their address by the response handler below
        # (the browser's own favicon request is not a page resource).
        page.on(
            "console",
            lambda message: message.type == "error"
            and not message.text.startswith("Failed to load resource")
            and errors.append(message.text),
        )
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on(
            "response", lambda response: response.status >= 400 and errors.append(f"{response.status} {response.url}")
        )
        return page

    watch.errors = errors
    return watch


@pytest.fixture
def new_page(browser, browser_errors):
    """Opens a page in a fresh browser context (its own cookies: one person each)."""
    contexts = []

    def open_page():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return browser_errors(page)

    yield open_page
    for context in contexts:
        context.close()


def sign_in(page, site, username):
    page.goto(f"{site}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_editor_drafts_publisher_publishes_and_reverts(new_page, browser_errors, workflow):
    site, cert = workflow
    change_page = f"{site}/admin/certifications/certification/{cert.pk}/change/"

    # The editor changes the price with a note: saved for review, visitors unaffected.
    editor = new_page()
    sign_in(editor, site, "editor")
    editor.goto(change_page)
    expect(editor.locator("#id_status")).to_have_count(0)  # cannot publish
    editor.locator("#id_price_usd").fill("399")
    editor.locator("#id_change_note").fill(NOTE)
    editor.locator("input[name=_save]").first.click()
    expect(editor.locator(".messagelist")).to_contain_text("saved for review")

    # ...and previews it from "View on site".
    editor.goto(change_page)
    expect(editor.locator("#pending-change")).to_contain_text("399")
    editor.get_by_role("link", name="View on site").click()
    expect(editor.locator(".preview-banner")).to_contain_text("Draft preview")
    expect(editor.locator("#price-heading + p")).to_contain_text("$399")

    visitor = new_page()
    visitor.goto(f"{site}/certifications/cpc/")
    expect(visitor.locator("#price-heading + p")).to_contain_text("$300")
    expect(visitor.locator(".preview-banner")).to_have_count(0)

    # The publisher publishes the pending change.
    publisher = new_page()
    sign_in(publisher, site, "publisher")
    publisher.goto(change_page)
    expect(publisher.locator("#pending-change")).to_contain_text(NOTE)
    publisher.get_by_role("button", name="Publish these changes").click()
    expect(publisher.locator(".messagelist")).to_contain_text("is published")

    # Visitors see the new price and the note under "What changed".
    visitor.goto(f"{site}/certifications/cpc/")
    expect(visitor.locator("#price-heading + p")).to_contain_text("$399")
    expect(visitor.locator(".what-changed")).to_contain_text(NOTE)

    # The publisher reverts to the first version: the old price is back.
    publisher.goto(change_page)
    publisher.get_by_role("link", name="History").click()
    expect(publisher.locator("#change-history")).to_contain_text("Exam price (USD)")
    publisher.locator("a.history-version-link").last.click()
    expect(publisher.locator(".revert-summary .differences")).to_contain_text("Exam price (USD)")
    publisher.locator(".revert-form input[type=submit]").click()
    expect(publisher.locator(".messagelist")).to_contain_text("is reverted")

    visitor.goto(f"{site}/certifications/cpc/")
    expect(visitor.locator("#price-heading + p")).to_contain_text("$300")
    expect(visitor.locator(".what-changed")).to_contain_text("Undone:")

    assert browser_errors.errors == []


def test_certification_change_list_fits_1280_pixels(new_page, workflow):
    site, cert = workflow
    CertificationFactory(
        code="CRC-LONG",
        name="Certified Risk Adjustment Coder with an unusually long official certification name",
        publish_from=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC),
    )
    stale = CertificationFactory(code="CCS-P", last_reviewed=datetime.date(2020, 1, 1))
    PendingChange.objects.create(record=stale, data={"price_usd": 1})
    page = new_page()
    sign_in(page, site, "publisher")
    page.goto(f"{site}/admin/certifications/certification/")
    expect(page.locator("#result_list")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    # The admin lets a wide table scroll inside its box: it must not need to.
    widths = page.evaluate(
        "(() => { const r = document.querySelector('.results'); return [r.scrollWidth, r.clientWidth]; })()"
    )
    assert widths[0] <= widths[1], widths
