"""A student answers the path finder in Chromium and opens the path it recommends."""

import re
from urllib.parse import parse_qs, urlparse

import pytest

from certifications.models import EducationLevel, Focus
from tests.factories import CertificationFactory, EducationStepFactory, ExamCostFactory, build_path

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def paths():
    certificate = EducationStepFactory(name="Certificate program", requires_level=EducationLevel.HIGH_SCHOOL)
    coder = build_path(
        certificate,
        ExamCostFactory(
            certification=CertificationFactory(code="CPC", focus=Focus.CODING, apprentice_designation="CPC-A")
        ).certification,
        name="Medical coder route",
        slug="medical-coder-route",
        position=2,
    )
    build_path(
        certificate,
        ExamCostFactory(certification=CertificationFactory(code="CPB", focus=Focus.BILLING)).certification,
        name="Medical biller route",
        slug="medical-biller-route",
        position=1,
    )
    return {"coder": coder}


def test_student_fills_the_questionnaire_and_opens_the_recommended_path(page, live_server, paths):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Find my path").click()
    page.wait_for_url(re.compile(r"/plan/$"))

    page.get_by_label("Your highest education so far").select_option(label="High school diploma or GED")
    page.get_by_label("Coding: turning medical records into standard codes").check()
    page.get_by_label("Hours a week you can study").fill("12")
    page.get_by_label("Your budget for education and exams (US dollars)").fill("6000")
    page.get_by_label("How soon do you want to start working? (months from now)").fill("24")
    page.get_by_role("button", name="Show my paths").click()

    page.wait_for_url(re.compile(r"/plan/\?"))
    answers = parse_qs(urlparse(page.url).query)
    assert answers["education"] == ["10"] and answers["interest"] == ["coding"] and answers["budget_usd"] == ["6000"]
    first = page.locator("article.recommendation").first
    assert "Good fit" in first.inner_text()
    assert "Can you sit the exams now?" in first.inner_text()
    verdict = first.get_by_text("Our sources don't give the CPC rules")
    assert not verdict.is_visible()  # the compact verdict: details a click away, no JavaScript
    first.locator("summary", has_text="CPC: Rules not known to us").click()
    assert verdict.is_visible()

    first.get_by_role("link", name="Medical coder route").click()
    page.wait_for_url(re.compile(paths["coder"].get_absolute_url() + "$"))
    assert page.locator("h1").inner_text() == "Medical coder route"


def test_an_out_of_range_answer_is_shown_next_to_its_field(page, live_server, paths):
    page.goto(
        live_server.url + "/plan/?education=10&interest=coding&hours_per_week=500&budget_usd=100&start_within_months=6"
    )
    field = page.get_by_label("Hours a week you can study")
    assert field.input_value() == "500"
    assert page.get_by_text("Enter a number of hours from 1 to 80.").is_visible()
