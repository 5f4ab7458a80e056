"""certifications/compare.py: /certifications/compare/?c=...&c=... side by side, picker, bad codes."""

import re

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from careerportal.middleware import InputRulesMiddleware
from tests.factories import (
    CertificationFactory,
    CodeSetFactory,
    EducationStepFactory,
    OutlookFigureFactory,
    RequirementFactory,
    SkillFactory,
    build_path,
)

from .helpers import read_head

pytestmark = pytest.mark.django_db

COMPARE = "/certifications/compare/"
CONTROL_CHARACTER = InputRulesMiddleware.VALUE_FORBIDDEN


@pytest.fixture
def certs():
    made = {
        code: CertificationFactory(code=code, slug=code.lower(), name=f"Certified {code}")
        for code in ["CPB", "CPC", "CCA", "CCS", "COC"]
    }
    made["CPC"].apprentice_designation = "CPC-A"
    made["CPC"].apprentice_rules = "Two years of experience remove the A."
    made["CPC"].prerequisites = "Recommended: an anatomy course."
    made["CPC"].save()
    made["CPC"].code_sets.add(CodeSetFactory(name="ICD-10-CM"), CodeSetFactory(name="HIDDEN-SET", status="draft"))
    SkillFactory(name="Anatomy").certifications.add(made["CPC"])
    SkillFactory(name="Unpublished skill", status="draft").certifications.add(made["CPC"])
    return made


def compared_codes(html):
    """The column headings of the comparison table, in order."""
    if "certification-compare" not in html:
        return []
    thead = html.split('<table class="table align-top compare-table certification-compare">', 1)[1].split("</thead>")[0]
    return [part.split("</a>")[0].rsplit(">", 1)[1] for part in thead.split('<th scope="col"><a ')[1:]]


def picker_inputs(html):
    form = html.split('class="compare-form"', 1)[1].split("</form>", 1)[0]
    return re.findall(r'<input type="checkbox"[^>]*name="c" value="([^"]*)"[^>]*?( checked)?>', form)


def picker_values(html):
    return [value for value, _checked in picker_inputs(html)]


def ticked_values(html):
    return [value for value, checked in picker_inputs(html) if checked]


def test_two_certifications_side_by_side_with_every_row(client, certs):
    html = client.get(COMPARE + "?c=cpb&c=cpc").content.decode()
    assert compared_codes(html) == ["CPB", "CPC"]
    for row in [
        "Awarded by",
        "Focus",
        "Exam questions",
        "Time and format",
        "Price",
        "Before you sit it",
        "Apprentice status",
        "Code sets",
        "Keeping it",
        "Skills it tests",
    ]:
        assert f'<th scope="row">{row}</th>' in html
    assert "$300" in html and "January 2025" in html  # price with its as-of date
    assert "240 minutes" in html
    assert "CPC-A" in html and "Two years of experience remove the A." in html
    assert "Recommended: an anatomy course." in html
    assert "ICD-10-CM" in html and "Anatomy" in html
    assert "HIDDEN-SET" not in html and "Unpublished skill" not in html


def test_codes_match_whatever_the_case_and_keep_the_order_given(client, certs):
    html = client.get(COMPARE + "?c=CPC&c=Cpb&c=cpc").content.decode()
    assert compared_codes(html) == ["CPC", "CPB"]
    assert read_head(html).links["canonical"].endswith(COMPARE + "?c=cpc&c=cpb")


@pytest.mark.parametrize("query", ["", "?c=", "?c=cpc"])
def test_fewer_than_two_codes_show_the_picker(client, certs, query):
    html = client.get(COMPARE + query).content.decode()
    assert compared_codes(html) == []
    assert picker_values(html) == ["cca", "ccs", "coc", "cpb", "cpc"]


def test_a_single_code_is_ticked_in_the_picker(client, certs):
    html = client.get(COMPARE + "?c=cpc").content.decode()
    assert ticked_values(html) == ["cpc"]
    assert "Choose at least one more certification to compare with CPC." in html


def test_unknown_codes_are_named_and_ignored(client, certs):
    html = client.get(COMPARE + "?c=cpb&c=nope&c=cpc&c=<b>bold</b>").content.decode()
    assert compared_codes(html) == ["CPB", "CPC"]
    assert "not found and have been left out: nope, &lt;b&gt;bold&lt;/b&gt;" in html
    assert "<b>bold</b>" not in html


def test_drafts_are_unknown_and_never_offered(client, certs):
    CertificationFactory(code="DRAFT1", slug="draft1", status="draft")
    html = client.get(COMPARE + "?c=cpb&c=draft1").content.decode()
    assert compared_codes(html) == []
    assert "left out: draft1" in html
    assert "draft1" not in picker_values(html)


def test_more_than_four_keeps_the_first_four_and_says_so(client, certs):
    html = client.get(COMPARE + "?c=coc&c=ccs&c=cca&c=cpc&c=cpb").content.decode()
    assert compared_codes(html) == ["COC", "CCS", "CCA", "CPC"]
    assert "the first 4 are shown" in html
    assert "Left out: CPB" in html
    assert read_head(html).links["canonical"].endswith("?c=coc&c=ccs&c=cca&c=cpc")


@pytest.mark.parametrize(
    "query",
    ["?c=" + "x" * 5000, "?" + "&".join(f"c=n{i}" for i in range(500)), "?c=%ff", "?c=é&c=../../admin", "?d=cpc"],
)
def test_garbage_never_breaks_the_page(client, certs, query):
    response = client.get(COMPARE + query)
    assert response.status_code == 200
    assert len(response.content) < 200_000


def test_control_characters_are_refused(client, certs):
    # careerportal.middleware.InputRulesMiddleware, before the view runs
    assert client.get(COMPARE + "?c=%00%ff").status_code == 400


def test_unconfirmed_price_is_not_shown_as_fact(client, certs):
    CertificationFactory(code="UNC", slug="unc", price_usd=987, price_confirmation="unconfirmed")
    html = client.get(COMPARE + "?c=unc&c=cpc").content.decode()
    assert "987" not in html
    assert "Not confirmed yet" in html


def test_requirements_row_shows_each_rule_with_its_source_or_says_it_is_unknown(client, certs):
    requirement = RequirementFactory(certification=certs["CCA"])
    page = client.get(COMPARE + "?c=cca&c=cpb").content.decode()
    row = re.search(r"Before you sit it</th>(.*?)</tr>", page, re.DOTALL).group(1)
    cca, cpb = re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)
    assert "A high school diploma or GED" in cca and requirement.rule_source.url in cca
    assert "Not in our sources yet: check the official page." in cpb


def test_certification_page_links_to_compare_it(client, certs):
    html = client.get("/certifications/cpc/").content.decode()
    assert f'href="{COMPARE}?c=cpc"' in html
    assert "Compare CPC with other certifications" in html


def test_four_certifications_cost_a_fixed_number_of_queries(client, certs, django_assert_max_num_queries):
    for cert in certs.values():
        OutlookFigureFactory().occupation.certifications.add(cert)
        build_path(EducationStepFactory(), cert)
    # published list (with body and sources), code sets, skills, eligibility requirements (with sources),
    # occupations, their figures and the figures' sources, the paths to them, the paths' steps and their
    # certifications' requirements
    with django_assert_max_num_queries(10):
        response = client.get(COMPARE + "?c=coc&c=ccs&c=cca&c=cpc")
    assert response.status_code == 200


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(codes=st.lists(st.text(max_size=40), max_size=8))
def test_any_codes_give_a_page_never_an_error(client, certs, codes):
    response = client.get(COMPARE, {"c": codes})
    if CONTROL_CHARACTER.search("".join(codes)):
        assert response.status_code == 400
        return
    assert response.status_code == 200
    assert len(compared_codes(response.content.decode())) in (0, 2, 3, 4)


def test_every_cell_is_labelled_with_its_certification_for_phones(client, certs):
    """Regression: stacked on a phone, compare showed ": Billing" with no certification name."""
    html = client.get(f"{COMPARE}?c=cpb&c=cpc").content.decode()
    tbody = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    cells = re.findall(r"<td[^>]*>", tbody)
    assert cells
    assert [cell for cell in cells if cell not in ('<td data-label="CPB">', '<td data-label="CPC">')] == []
    assert cells.count('<td data-label="CPB">') == cells.count('<td data-label="CPC">') == len(cells) // 2
