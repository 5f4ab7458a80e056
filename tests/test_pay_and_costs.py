"""Pay of the work and honest costs where students decide: path cards and pages, certification
pages, the compare table and the path finder."""

import datetime

import pytest

from publishing.models import Confirmation
from tests.factories import (
    CertificationFactory,
    EducationStepFactory,
    ExamCostFactory,
    OccupationFactory,
    OutlookFigureFactory,
    RequirementFactory,
    build_path,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    coders = OccupationFactory(name="Medical records specialists", slug="coders")
    for kind, value in [("p10_pay", 35780), ("median_pay", 50250), ("p90_pay", 80950)]:
        OutlookFigureFactory(occupation=coders, kind=kind, value=value, period="May 2024")
    OutlookFigureFactory(
        occupation=coders, kind="growth", value=7, period="2024–34", label="Projected job growth", slug="growth"
    )
    cca = CertificationFactory(code="CCA", slug="cca", exam_questions=105, exam_minutes=120)
    ExamCostFactory(certification=cca, fee_low_usd=199, fee_high_usd=299, fee_spread="AHIMA members $199, others $299")
    cpc = CertificationFactory(code="CPC", slug="cpc", membership_required=True)
    ExamCostFactory(certification=cpc, fee_low_usd=499, fee_high_usd=499, fee_spread="two attempts")
    coders.certifications.add(cca, cpc)
    OutlookFigureFactory(
        kind="salary_survey",
        occupation=None,
        certification=cpc,
        label="Average salary of CPC holders (AAPC salary survey)",
        value=54401,
        period="2018 salary survey",
        slug="survey",
    )
    program = EducationStepFactory(name="Certificate program", duration_min_months=10, duration_max_months=18)
    long_program = EducationStepFactory(name="Associate's degree", duration_min_months=24, duration_max_months=24)
    unknown_cost = EducationStepFactory(name="Unpriced program", cost_min_usd=None, cost_max_usd=None)
    short = build_path(program, cca, name="Short CCA path", slug="short")
    build_path(long_program, cca, name="Long CCA path", slug="long")
    cpc_path = build_path(unknown_cost, cpc, name="CPC path", slug="cpc-path")
    for path in (short, cpc_path):
        path.occupations.add(coders)
    return {"coders": coders, "cca": cca, "cpc": cpc, "short": short, "cpc_path": cpc_path}


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_path_cards_show_the_pay_of_the_work_linked_to_its_profile(client, world):
    html = page(client, "/")
    assert '<a href="/careers/coders/">Medical records specialists</a>' in html
    assert "$50,250" in html and "$35,780–$80,950" in html and "May 2024" in html


def test_path_cost_is_a_range_that_says_what_it_counts_and_what_is_unknown(client, world):
    html = page(client, world["cpc_path"].get_absolute_url())
    assert "$499" in html
    assert "Counts:" in html and "CPC exam fee" in html
    assert "Not known yet, so not counted:" in html
    assert "Unpriced program" in html
    assert "membership dues, needed to sit the exam" in html
    assert "Retake fees are not counted." in html


def test_member_and_non_member_fees_make_a_range_not_a_single_figure(client, world):
    html = page(client, world["short"].get_absolute_url())
    assert "$1,199–$3,299" in html  # program $1,000–$3,000 plus the fee $199–$299
    assert "AHIMA members $199, others $299" in html


def test_path_page_opens_with_quick_facts(client, world):
    html = page(client, world["short"].get_absolute_url())
    assert html.index("Quick facts") < html.index("Step by step")
    assert "105 questions" in html


def test_certification_page_opens_with_quick_facts_of_pay_time_cost_exam_and_who_can_sit(client, world):
    html = page(client, "/certifications/cca/")
    facts = html[html.index("Quick facts") : html.index("</aside>")]
    assert "$50,250" in facts
    assert "10–18 months" in facts and "Short CCA path" in facts  # the shortest of the two paths
    assert "$1,199–$3,299" in facts
    assert "105 questions" in facts and "120 minutes" in facts
    assert "Not in our sources yet" in facts  # no requirement records: the box never guesses


def test_quick_facts_say_who_can_sit_from_the_requirement_records(client, world):
    RequirementFactory(certification=world["cpc"])  # beside its membership requirement
    html = page(client, "/certifications/cpc/")
    facts = html[html.index("Quick facts") : html.index("</aside>")]
    assert "At least: High school diploma or GED" in facts
    assert "membership is required" in facts


def test_salary_survey_is_labelled_as_what_it_is_and_never_as_occupation_pay(client, world):
    html = page(client, "/certifications/cpc/")
    survey = html.index("$54,401")
    assert html.rindex("salary survey says", 0, survey) < survey
    assert "not a government statistic" in html
    assert "$54,401" not in page(client, "/careers/coders/")


def test_compare_table_has_pay_outlook_and_shortest_path_rows(client, world):
    html = page(client, "/certifications/compare/?c=cca&c=cpc")
    for row in ("Pay of the work it leads to", "Job outlook", "Time on the shortest path", "Cost on the shortest path"):
        assert f'<th scope="row">{row}</th>' in html
    assert "+7%" in html and "2024–34" in html
    assert "Short CCA path" in html and "Long CCA path" not in html


def test_path_finder_results_show_the_pay_of_each_path(client, world):
    html = page(client, "/plan/?education=10&interest=coding&hours_per_week=10&budget_usd=5000&start_within_months=24")
    assert "Pay of the work it leads to" in html
    assert '<a href="/careers/coders/">Medical records specialists</a>' in html


def test_unconfirmed_pay_is_never_shown_on_paths(client, world):
    world["coders"].outlook_figures.update(figure_confirmation=Confirmation.UNCONFIRMED)
    html = page(client, world["short"].get_absolute_url())
    assert "$50,250" not in html
    assert "no confirmed pay figure yet" in html


def test_newer_confirmed_pay_replaces_the_older_on_cards(client, world):
    OutlookFigureFactory(
        occupation=world["coders"], value=51140, period="May 2025", figure_as_of=datetime.date(2025, 5, 1)
    )
    html = page(client, "/paths/")
    assert "$51,140" in html and "$50,250" not in html
