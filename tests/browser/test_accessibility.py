"""axe-core finds no serious or critical violation on any public page, in English and in Spanish.

Every published record's detail page is checked, not just one per kind: badges,
unconfirmed figures and Markdown bodies only appear on some records. Each page is
checked at its English address and at its Spanish one (/es/...): longer words,
other labels and lang="es" can break what English passes.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from certifications.models import Certification
from qualifications.models import EducationStep, Occupation, QualificationPath, Skill
from tests.browser.content import LIST_URLS, detail_urls, load_public_content

pytestmark = pytest.mark.django_db(transaction=True)

BLOCKING_IMPACTS = ("serious", "critical")


def blocking_violations(page, context=None):
    """Serious and critical axe violations on the loaded page (or the part of it
    `context` selects), one readable line each."""
    results = Axe().run(page, context=context)
    return [
        f"{page.url} {violation['id']} ({violation['impact']}): "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"])
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def check_pages(page, base_url, urls):
    problems = []
    for url in urls:
        response = page.goto(base_url + url)
        assert response.status == 200, f"{url} answered {response.status}"
        problems += blocking_violations(page)
    assert not problems, "axe found serious or critical violations:\n" + "\n".join(problems)


@pytest.fixture
def site(live_server):
    load_public_content()
    return live_server.url


#: The address prefix of each language: English keeps the unprefixed addresses.
LANGUAGE_PREFIXES = {"en": "", "es": "/es"}
in_each_language = pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES.values(), ids=LANGUAGE_PREFIXES.keys())


@in_each_language
@pytest.mark.parametrize("url", LIST_URLS)
def test_list_page_has_no_serious_axe_violations(page, site, prefix, url):
    check_pages(page, site, [prefix + url])


@in_each_language
@pytest.mark.parametrize(
    "model", [QualificationPath, EducationStep, Certification, Skill, Occupation], ids=lambda m: m.__name__
)
def test_every_detail_page_has_no_serious_axe_violations(page, site, prefix, model):
    urls = detail_urls(model)
    assert urls, f"no published {model.__name__} to check"
    check_pages(page, site, [prefix + url for url in urls])


def test_filtered_and_emptied_certification_list_has_no_serious_axe_violations(page, site):
    check_pages(
        page,
        site,
        ["/certifications/?focus=billing&entry_level=true", "/certifications/?focus=xyz&body=nobody&code_set=none"],
    )


@in_each_language
def test_not_found_page_has_no_serious_axe_violations(page, site, prefix):
    page.goto(site + prefix + "/certifications/no-such-credential/")
    problems = blocking_violations(page)
    assert not problems, "\n".join(problems)


@in_each_language
def test_counselor_sign_in_has_no_serious_axe_violations(page, site, prefix):
    check_pages(page, site, [prefix + "/counselor/login/"])


@pytest.mark.parametrize(
    "prefix, menu", [("", "Show or hide the menu"), ("/es", "Mostrar u ocultar el menú")], ids=["en", "es"]
)
def test_mobile_pages_with_the_menu_open_have_no_serious_axe_violations(browser, site, prefix, menu):
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(site + prefix + "/certifications/")
        page.get_by_role("button", name=menu).click()
        page.locator("#main-nav.show").wait_for()
        problems = blocking_violations(page)
        assert not problems, "\n".join(problems)
    finally:
        context.close()


def test_axe_reports_a_real_violation_so_this_suite_can_fail(page, site):
    """Guards the helper: an image without alt text must be reported as critical."""
    page.goto(site + "/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/x.png\">')")
    assert any("image-alt (critical)" in line for line in blocking_violations(page))


@in_each_language
def test_eligibility_answers_and_path_finder_results_have_no_serious_axe_violations(page, site, prefix):
    check_pages(
        page,
        site,
        [
            prefix + "/certifications/cbcs/?education=10&program=finished",
            prefix + "/certifications/rhit/?education=30",
            prefix + "/plan/?education=0&interest=both&hours_per_week=10&budget_usd=3000&start_within_months=12",
        ],
    )
