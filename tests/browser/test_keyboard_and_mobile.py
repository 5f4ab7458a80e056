"""The site used by keyboard alone, and on narrow phones without horizontal scrolling."""

import re

import pytest
from playwright.sync_api import expect

from certifications.models import Certification
from tests.browser.content import load_public_content, public_urls

pytestmark = pytest.mark.django_db(transaction=True)

ACTIVE = "document.activeElement"


@pytest.fixture
def site(live_server):
    load_public_content()
    return live_server.url


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def tab_until(page, predicate, limit=40):
    """Press Tab until the focused element satisfies a JavaScript predicate on `el`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {predicate})({ACTIVE})"):
            return
    raise AssertionError(f"{limit} presses of Tab never reached an element where {predicate}")


def test_first_tab_reaches_the_skip_link_and_enter_moves_focus_to_main(page, site):
    page.goto(site + "/certifications/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("Skip to main content")
    box = skip.bounding_box()
    assert box and box["width"] > 20 and box["height"] > 10, "the focused skip link is not visible"

    page.keyboard.press("Enter")
    assert page.evaluate(f"{ACTIVE}.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate(f"{ACTIVE}.closest('main') !== null"), "the next Tab stop is not inside main"


def test_focused_links_show_a_visible_outline(page, site):
    page.goto(site + "/")
    tab_until(page, "el.closest('main') !== null && el.tagName === 'A'")
    outline = page.evaluate(f"(s => [s.outlineStyle, parseFloat(s.outlineWidth)])(getComputedStyle({ACTIVE}))")
    assert outline[0] != "none" and outline[1] >= 2, f"focus outline is {outline}"


def test_mobile_menu_opens_with_the_keyboard(phone, site):
    phone.goto(site + "/")
    menu = phone.locator("#main-nav")
    expect(menu).to_be_hidden()
    toggler = phone.get_by_role("button", name="Show or hide the menu")
    expect(toggler).to_have_attribute("aria-expanded", "false")

    tab_until(phone, "el.classList.contains('navbar-toggler')")
    phone.keyboard.press("Enter")
    expect(menu).to_be_visible()
    expect(toggler).to_have_attribute("aria-expanded", "true")

    tab_until(phone, "el.textContent.trim() === 'Certifications'")
    phone.keyboard.press("Enter")
    expect(phone).to_have_url(re.compile(r"/certifications/$"))


def test_certification_filter_works_with_the_keyboard_alone(page, site):
    page.goto(site + "/certifications/")
    tab_until(page, "el.id === 'id_focus'")
    page.keyboard.type("Billing")  # type-ahead picks an option of a focused select
    assert page.evaluate(f"{ACTIVE}.value") == "billing"
    tab_until(page, "el.type === 'submit' && el.closest('form.filter-form') !== null")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"[?&]focus=billing"))
    expect(page.locator("#id_focus")).to_have_value("billing")
    expect(page.locator("#results")).to_be_focused()  # the page lands on the count of results
    subtitles = page.locator(".certification-results article .card-subtitle").all_inner_texts()
    assert 0 < len(subtitles) < Certification.objects.published().count()
    assert all("Billing" in subtitle for subtitle in subtitles), subtitles


PHONE_WIDTHS = [360, 375]


@pytest.mark.parametrize("width", PHONE_WIDTHS)
def test_no_public_page_scrolls_sideways_on_a_phone(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=True, has_touch=True)
    page = context.new_page()
    urls = [*public_urls(), "/certifications/?focus=xyz"]
    wide = []
    try:
        for url in urls:
            page.goto(site + url)
            scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if scroll_width > inner_width:
                wide.append(f"{url}: {scroll_width}px wide in a {inner_width}px window")
    finally:
        context.close()
    assert not wide, "pages scroll sideways:\n" + "\n".join(wide)


def test_paths_table_fits_a_phone_without_its_own_sideways_scroll(phone, site):
    phone.goto(site + "/paths/")
    table = phone.locator(".compare-table")
    overflow = table.evaluate("t => (box => box.scrollWidth - box.clientWidth)(t.closest('.table-responsive'))")
    assert overflow <= 0, f"the paths table scrolls {overflow}px sideways on a phone"
    # The column headings still label each value for people who see the stacked rows.
    first_time_cell = table.locator("tbody tr").first.locator("td").first
    label = first_time_cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert "Time" in label


def test_path_finder_results_stay_short_on_a_phone(phone, site):
    # Each path shows a compact eligibility verdict; its details open on a click (details/summary).
    phone.goto(site + "/plan/?education=10&interest=both&hours_per_week=10&budget_usd=5000&start_within_months=24")
    cards = phone.locator("article.recommendation")
    heights = [cards.nth(i).bounding_box()["height"] for i in range(cards.count())]
    assert cards.count() >= 4
    # Each card repeated the full eligibility box before (about 2,000 px); pay and eligibility details now fold.
    assert max(heights) < 1400, heights
    assert not phone.locator(".eligibility-compact details").first.get_attribute("open")


def test_compare_names_each_certification_in_its_stacked_cells_on_a_phone(phone, site):
    phone.goto(site + "/certifications/compare/?c=cpb&c=cpc")
    rows = phone.locator(".certification-compare tbody tr")
    focus_row = rows.filter(has_text="Focus")
    labels = focus_row.locator("td").evaluate_all("cells => cells.map(td => getComputedStyle(td, '::before').content)")
    assert labels == ['"CPB: "', '"CPC: "']


@pytest.mark.parametrize("width", PHONE_WIDTHS)
def test_menu_button_sits_beside_the_site_name_on_a_phone(browser, site, width):
    """Regression: at 375 px the menu button dropped below the two-line site name."""
    context = browser.new_context(viewport={"width": width, "height": 812}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(site + "/")
        brand = page.locator(".navbar-brand").bounding_box()
        toggler = page.locator(".navbar-toggler").bounding_box()
    finally:
        context.close()
    assert toggler["y"] < brand["y"] + brand["height"], f"menu button below the site name: {brand} {toggler}"
    assert toggler["x"] >= brand["x"] + brand["width"]
    assert toggler["x"] + toggler["width"] <= width
