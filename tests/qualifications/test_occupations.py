"""Occupation records and their sourced pay and outlook figures."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from publishing.models import Confirmation
from qualifications.models import ExamCost, Occupation, OutlookFigure
from tests.factories import (
    CertificationFactory,
    ExamCostFactory,
    OccupationFactory,
    OutlookFigureFactory,
    SourceFactory,
    build_path,
)

pytestmark = pytest.mark.django_db


def figure(occupation, kind, value, **fields):
    return OutlookFigureFactory(occupation=occupation, kind=kind, value=value, **fields)


def test_a_figure_without_a_source_is_refused():
    unsourced = OutlookFigureFactory.build(figure_source=None, occupation=OccupationFactory())
    with pytest.raises(ValidationError) as error:
        unsourced.full_clean()
    assert "figure_source" in error.value.message_dict


def test_a_figure_without_its_period_is_refused():
    undated = OutlookFigureFactory.build(period="", occupation=OccupationFactory())
    with pytest.raises(ValidationError) as error:
        undated.full_clean()
    assert "period" in error.value.message_dict


@pytest.mark.parametrize(
    "kind, value, wrong",
    [("p90_pay", 45000, True), ("p10_pay", 52000, True), ("p75_pay", 60000, False), ("p25_pay", 40000, False)],
)
def test_pay_percentiles_of_one_period_must_rise(kind, value, wrong):
    occupation = OccupationFactory()
    figure(occupation, "median_pay", 50250, period="May 2024")
    new = OutlookFigureFactory.build(
        occupation=occupation, kind=kind, value=value, period="May 2024", slug="new", figure_source=SourceFactory()
    )
    if wrong:
        with pytest.raises(ValidationError) as error:
            new.full_clean()
        assert "value" in error.value.message_dict
    else:
        new.full_clean()


def test_percentiles_of_different_periods_are_not_compared():
    occupation = OccupationFactory()
    figure(occupation, "median_pay", 50250, period="May 2024")
    older = OutlookFigureFactory.build(occupation=occupation, kind="p90_pay", value=45000, period="May 2011", slug="x")
    older.figure_source = SourceFactory()
    older.full_clean()


def test_a_salary_survey_is_never_an_occupations_pay():
    survey = OutlookFigureFactory.build(
        kind="salary_survey", occupation=OccupationFactory(), figure_source=SourceFactory()
    )
    with pytest.raises(ValidationError) as error:
        survey.full_clean()
    assert "occupation" in error.value.message_dict


def occupation_with_figures():
    occupation = OccupationFactory()
    figure(occupation, "median_pay", 44090, period="May 2020", figure_as_of=datetime.date(2020, 5, 1), slug="m2020")
    figure(occupation, "median_pay", 50250, period="May 2024", figure_as_of=datetime.date(2024, 5, 1), slug="m2024")
    figure(occupation, "p10_pay", 35780, period="May 2024", figure_as_of=datetime.date(2024, 5, 1), slug="p10")
    figure(occupation, "p90_pay", 80950, period="May 2024", figure_as_of=datetime.date(2024, 5, 1), slug="p90")
    figure(occupation, "growth", 7, period="2024–34", figure_as_of=datetime.date(2024, 1, 1), slug="growth")
    figure(
        occupation,
        "median_pay",
        51140,
        period="May 2025",
        figure_as_of=datetime.date(2025, 5, 1),
        figure_confirmation=Confirmation.UNCONFIRMED,
        slug="m2025",
    )
    figure(occupation, "median_pay", 99999, period="May 2026", status="draft", slug="draft")
    return occupation


def test_facts_show_the_newest_confirmed_pay_with_its_range_and_keep_older_ones_as_history():
    occupation = occupation_with_figures()
    facts = Occupation.objects.with_figures().get(pk=occupation.pk).facts
    assert facts.pay.median.value == 50250
    assert (facts.pay.low.value, facts.pay.high.value) == (35780, 80950)
    assert str(facts.pay.range_label) == "10th to 90th percentile"
    assert facts.growth.value == 7
    assert [f.slug for f in facts.history] == ["m2020"]
    assert facts.unconfirmed_count == 1


def test_profile_shows_tasks_in_order_pay_with_its_period_and_history(client):
    occupation = occupation_with_figures()
    cert = CertificationFactory(code="CPC")
    occupation.certifications.add(cert)
    path = build_path(cert, name="Coder path")
    path.occupations.add(occupation)
    html = client.get(occupation.get_absolute_url()).content.decode()
    assert html.index("Abstract and code patient data.") < html.index("Enter clinical data into computers.")
    assert "$50,250" in html and "May 2024" in html
    assert "$35,780" in html and "$80,950" in html
    assert "$44,090" in html  # an earlier figure, under its own heading
    assert "$51,140" not in html and "$99,999" not in html
    assert 'href="/certifications/cpc' in html.lower() or cert.get_absolute_url() in html
    assert path.get_absolute_url() in html
    assert html.index("Quick facts") < html.index("What they do")


def test_draft_occupation_is_not_found(client):
    assert client.get(OccupationFactory(status="draft").get_absolute_url()).status_code == 404


def test_unknown_occupation_is_not_found(client, db):
    assert client.get("/careers/no-such-work/").status_code == 404


def test_careers_list_shows_each_occupation_with_its_pay_range_and_surveys_labelled(client):
    occupation = occupation_with_figures()
    OutlookFigureFactory(
        kind="salary_survey", occupation=None, label="Average salary of CPC holders (AAPC salary survey)", value=54401
    )
    html = client.get("/careers/").content.decode()
    assert occupation.get_absolute_url() in html
    assert "$35,780–$80,950" in html
    survey_heading = html.index("Salary surveys by certifying bodies")
    assert html.index("$54,401") > survey_heading


def test_old_careers_address_still_answers(client, db):
    assert client.get("/careers/").status_code == 200


def test_figure_address_points_into_its_occupation_page():
    occupation = OccupationFactory(slug="coders")
    assert OutlookFigureFactory(occupation=occupation, slug="m").get_absolute_url() == "/careers/coders/#m"
    assert OutlookFigure(slug="s").get_absolute_url() == "/careers/#s"


def test_figure_and_exam_cost_addresses_cost_no_query_each(django_assert_num_queries):
    for _ in range(3):
        OutlookFigureFactory()
        ExamCostFactory()
    figures = list(OutlookFigure.objects.published())
    costs = list(ExamCost.objects.published())
    with django_assert_num_queries(0):
        assert all(figure.get_absolute_url().startswith("/careers/occupation-") for figure in figures)
        assert all(cost.get_absolute_url().endswith("/#cost") and str(cost) for cost in costs)
