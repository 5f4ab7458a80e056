"""A student's journey: home → a path → the work it leads to → back to a credential, seeing
the tasks, the pay with its period and a cost range that says what it counts; and the path
cards on a 375 px phone."""

import pytest
from playwright.sync_api import expect

from tests.browser.content import load_public_content
from tests.browser.test_accessibility import blocking_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(live_server):
    load_public_content()
    return live_server.url


def no_axe_problems(page):
    problems = blocking_violations(page)
    assert not problems, "axe found serious or critical violations:\n" + "\n".join(problems)


def test_home_to_path_to_occupation_and_back_to_a_credential(page, site):
    page.goto(site + "/")
    no_axe_problems(page)
    page.get_by_role("link", name="Coding associate: certificate program and CCA").first.click()
    expect(page.locator("h1")).to_have_text("Coding associate: certificate program and CCA")
    facts = page.locator(".quick-facts")
    expect(facts).to_contain_text("$199–$299")
    expect(facts).to_contain_text("Counts: CCA exam fee")
    expect(facts).to_contain_text("AHIMA members $199, others $299")
    expect(facts).to_contain_text("Not known yet, so not counted:")
    expect(facts).to_contain_text("Retake fees are not counted.")
    no_axe_problems(page)

    facts.get_by_role("link", name="Medical records specialists", exact=True).click()
    expect(page.locator("h1")).to_have_text("Medical records specialists")
    expect(page.locator("ol.tasks li").first).to_have_text(
        "Abstract and code patient data with standard classification systems."
    )
    pay = page.locator("section[aria-labelledby=pay-heading]")
    expect(pay).to_contain_text("$50,250")
    expect(pay).to_contain_text("May 2024")
    no_axe_problems(page)

    page.get_by_role("link", name="CCA — Certified Coding Associate").click()
    expect(page.locator("h1")).to_contain_text("CCA")
    expect(page.locator(".quick-facts")).to_contain_text("Medical records specialists")
    no_axe_problems(page)


def test_path_cards_fit_a_375px_phone_and_show_pay_and_what_the_cost_counts(browser, site):
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    try:
        phone.goto(site + "/")
        cards = phone.locator(".path-card")
        expect(cards.first).to_be_visible()
        for index in range(cards.count()):
            card = cards.nth(index)
            box = card.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375, f"card {index} is {box}"
            expect(card).to_contain_text("Retake fees are not counted.")
        expect(phone.locator(".path-pay").first).to_contain_text("median pay")
        # The occupation link inside a card stays clickable above the card's stretched title link.
        phone.locator(".path-pay a", has_text="Medical records specialists").first.click()
        expect(phone.locator("h1")).to_have_text("Medical records specialists")
        scroll, inner = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll <= inner
    finally:
        context.close()
