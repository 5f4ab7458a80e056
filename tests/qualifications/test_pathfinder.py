"""The path finder: ranking rules over the records, and the /plan/ page."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from certifications.eligibility import Answer
from certifications.models import EducationLevel, Focus, RequirementKind
from publishing.models import Confirmation
from qualifications.models import QualificationPath
from qualifications.pathfinder import Answers, Interest, Verdict, about_usd, general_notes, rank_paths, recommend
from tests.factories import (
    CertificationFactory,
    EducationStepFactory,
    ExamCostFactory,
    OutlookFigureFactory,
    RequirementFactory,
    build_path,
)

pytestmark = pytest.mark.django_db

PLAN_URL = "/plan/"


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def steps():
    return {
        "diploma": EducationStepFactory(
            name="High school diploma or GED",
            requires_level=EducationLevel.NONE,
            awards_level=EducationLevel.HIGH_SCHOOL,
            duration_min_months=None,
            duration_max_months=None,
            cost_min_usd=None,
            cost_max_usd=None,
        ),
        "certificate": EducationStepFactory(
            name="Certificate program",
            requires_level=EducationLevel.HIGH_SCHOOL,
            duration_min_months=9,
            duration_max_months=12,
            cost_min_usd=2500,
            cost_max_usd=4000,
        ),
        "associate": EducationStepFactory(
            name="Associate's degree",
            requires_level=EducationLevel.HIGH_SCHOOL,
            awards_level=EducationLevel.ASSOCIATE,
            duration_min_months=24,
            duration_max_months=24,
            cost_min_usd=8000,
            cost_max_usd=12000,
        ),
    }


def exam(fee, **fields):
    """A certification whose exam fee is a confirmed `fee`."""
    return ExamCostFactory(
        certification=CertificationFactory(**fields), fee_low_usd=fee, fee_high_usd=fee
    ).certification


@pytest.fixture
def exams():
    made = {
        "cpc": exam(400, code="CPC", focus=Focus.CODING, apprentice_designation="CPC-A"),
        "cpb": exam(400, code="CPB", focus=Focus.BILLING),
        "rhit": exam(300, code="RHIT", focus=Focus.CODING),
    }
    RequirementFactory(certification=made["cpc"], education_level=EducationLevel.NONE)
    RequirementFactory(certification=made["cpb"], education_level=EducationLevel.NONE)
    RequirementFactory(certification=made["rhit"], education_level=EducationLevel.ASSOCIATE)
    return made


def answers(**overrides):
    values = {
        "education": EducationLevel.HIGH_SCHOOL,
        "interest": Interest.CODING,
        "hours_per_week": 10,
        "budget_usd": 100_000,
        "start_within_months": 36,
    }
    return Answers(**{**values, **overrides})


def loaded(path):
    return QualificationPath.objects.published().with_steps().get(pk=path.pk)


def plan_for(*targets, **answer_overrides):
    return recommend(loaded(build_path(*targets)), answers(**answer_overrides))


# Steps already done ---------------------------------------------------------------------------


def test_student_with_an_associate_degree_skips_the_education_steps(steps, exams):
    plan = plan_for(steps["diploma"], steps["associate"], exams["rhit"], education=EducationLevel.ASSOCIATE)
    assert [str(step) for step in plan.done_steps] == ["High school diploma or GED", "Associate's degree"]
    assert (plan.duration.low, plan.duration.high, plan.duration.missing) == (0, 0, [])
    assert (plan.cost.low, plan.cost.high) == (300, 300)
    assert (
        "You already have an associate's degree, so you can skip the high school diploma or GED "
        "and the associate's degree." in plan.fits
    )
    assert plan.verdict == Verdict.GOOD


def test_student_without_the_degree_still_has_to_take_it(steps, exams):
    plan = plan_for(steps["diploma"], steps["associate"], exams["rhit"], education=EducationLevel.HIGH_SCHOOL)
    assert [str(step) for step in plan.done_steps] == ["High school diploma or GED"]
    assert (plan.duration.low, plan.duration.high) == (24, 24)
    assert (plan.cost.low, plan.cost.high) == (8000 + 300, 12000 + 300)


def test_a_bachelor_counts_as_holding_an_associate_degree(steps, exams):
    plan = plan_for(steps["associate"], exams["rhit"], education=EducationLevel.BACHELOR)
    assert [str(step) for step in plan.done_steps] == ["Associate's degree"]


# Education needed first ------------------------------------------------------------------------


def test_exam_needing_a_degree_the_path_does_not_give_is_explained(steps, exams):
    plan = plan_for(steps["certificate"], exams["rhit"], education=EducationLevel.HIGH_SCHOOL)
    assert "You need an associate's degree before the RHIT exam." in plan.misfits
    assert plan.verdict == Verdict.NOT_NOW


def test_degree_earned_on_the_path_satisfies_the_exam(steps, exams):
    plan = plan_for(steps["associate"], exams["rhit"], education=EducationLevel.HIGH_SCHOOL)
    assert not any("first" in reason for reason in plan.misfits)


def test_student_without_a_diploma_is_not_blocked_when_the_path_starts_with_one(steps, exams):
    plan = plan_for(steps["diploma"], steps["certificate"], exams["cpc"], education=EducationLevel.NONE)
    assert plan.misfits == []
    assert plan.done_steps == []


def test_student_without_a_diploma_needs_one_first_for_a_certificate_program(steps, exams):
    plan = plan_for(steps["certificate"], exams["cpc"], education=EducationLevel.NONE)
    assert plan.misfits == ["You need a high school diploma or GED before the certificate program."]


# Budget ----------------------------------------------------------------------------------------


def test_budget_too_small_is_explained_in_round_dollars(steps, exams):
    plan = plan_for(steps["certificate"], exams["cpc"], budget_usd=900)
    assert "Over your budget by about $2,000 (it costs at least $2,900)." in plan.misfits
    assert plan.verdict == Verdict.POSSIBLE


def test_budget_between_the_cheapest_and_the_dearest_is_a_note_not_a_misfit(steps, exams):
    plan = plan_for(steps["certificate"], exams["cpc"], budget_usd=3000)
    assert plan.misfits == []
    assert "The cheaper options fit your budget; the most expensive are over it by about $1,400." in plan.notes


def test_budget_that_covers_everything_fits(steps, exams):
    assert "Fits your budget." in plan_for(steps["certificate"], exams["cpc"], budget_usd=5000).fits


def test_unknown_costs_are_named_and_never_counted_as_zero(steps, exams):
    steps["certificate"].cost_min_usd = steps["certificate"].cost_max_usd = None
    steps["certificate"].save()
    exams["cpc"].exam_cost.fee_confirmation = Confirmation.UNCONFIRMED
    exams["cpc"].exam_cost.save()
    plan = plan_for(steps["certificate"], exams["cpc"], budget_usd=0)
    assert plan.cost.missing == ["Certificate program", str(exams["cpc"])]
    assert plan.misfits == []
    assert not any("budget" in reason for reason in plan.fits)
    assert plan.notes[0] == (
        "Some costs are not known yet, so the total leaves them out: Certificate program; CPC exam fee. "
        "Ask for them before you enrol."
    )
    assert plan.verdict == Verdict.FITS_WHAT_WE_KNOW


def test_known_part_of_a_cost_fits_only_as_the_costs_we_know(steps, exams):
    steps["certificate"].cost_min_usd = steps["certificate"].cost_max_usd = None
    steps["certificate"].save()
    plan = plan_for(steps["certificate"], exams["cpc"], budget_usd=1000)
    assert "The costs we know fit your budget." in plan.fits
    assert "Fits your budget." not in plan.fits
    assert any(
        note
        == "One cost is not known yet, so the total leaves it out: Certificate program. Ask for it before you enrol."
        for note in plan.notes
    )


def test_unknown_dues_are_named_while_the_known_fee_still_meets_the_budget(steps, exams):
    RequirementFactory(certification=exams["cpc"], kind=RequirementKind.MEMBERSHIP)
    plan = plan_for(steps["certificate"], exams["cpc"], budget_usd=100)
    assert any("over your budget" in reason.lower() for reason in plan.misfits)
    assert any(
        note == "One cost is not known yet, so the total leaves it out: "
        f"{exams['cpc'].body.abbreviation} membership dues, needed to sit the exam. Ask for it before you enrol."
        for note in plan.notes
    )


def test_known_part_over_budget_is_over_by_at_least_that(steps, exams):
    steps["certificate"].cost_min_usd = steps["certificate"].cost_max_usd = None
    steps["certificate"].save()
    plan = plan_for(steps["certificate"], exams["cpc"], budget_usd=100)
    assert "Over your budget by about $300 (it costs at least $400)." in plan.misfits


@pytest.mark.parametrize("amount, shown", [(1950, "$2,000"), (2049, "$2,000"), (2050, "$2,100"), (20, "$100")])
def test_amounts_are_rounded_to_the_nearest_hundred(amount, shown):
    assert about_usd(amount) == shown


# Time ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "months, kind, text",
    [
        (6, "misfits", "Takes at least 9 months, longer than the 6 months you gave."),
        (10, "notes", "Can take up to 12 months, more than the 10 months you gave; shorter programs fit."),
        (12, "fits", "Can be done within the 12 months you gave (9–12 months)."),
    ],
)
def test_time_is_compared_with_the_months_given(steps, exams, months, kind, text):
    plan = plan_for(steps["certificate"], exams["cpc"], start_within_months=months)
    assert text in getattr(plan, kind)


@pytest.mark.parametrize(
    "language, low, high, months, kind, text",
    [
        ("en", 9, 12, 1, "misfits", "Takes at least 9 months, longer than the 1 month you gave."),
        ("en", 1, 12, 1, "notes", "Can take up to 12 months, more than the 1 month you gave; shorter programs fit."),
        ("en", 1, 1, 1, "fits", "Can be done within the 1 month you gave (1 month)."),
        ("es", 9, 12, 1, "misfits", "Dura al menos 9 meses, más que el 1 mes que indicaste."),
        ("es", 9, 12, 2, "misfits", "Dura al menos 9 meses, más que los 2 meses que indicaste."),
        (
            "es",
            1,
            12,
            1,
            "notes",
            "Puede durar hasta 12 meses, más que el 1 mes que indicaste; los programas más cortos sí encajan.",
        ),
        ("es", 1, 1, 1, "fits", "Se puede hacer dentro del 1 mes que indicaste (1 mes)."),
        ("es", 1, 2, 2, "fits", "Se puede hacer dentro de los 2 meses que indicaste (1–2 meses)."),
    ],
)
def test_one_month_is_said_in_the_singular_in_both_languages(steps, exams, language, low, high, months, kind, text):
    steps["certificate"].duration_min_months, steps["certificate"].duration_max_months = low, high
    steps["certificate"].save()
    with translation.override(language):
        plan = plan_for(steps["certificate"], exams["cpc"], start_within_months=months)
        assert text in getattr(plan, kind)


def test_a_fit_with_every_figure_known_is_a_good_fit(steps, exams):
    assert plan_for(steps["certificate"], exams["cpc"]).verdict == Verdict.GOOD


def test_unknown_duration_is_not_a_promise(steps, exams):
    plan = plan_for(steps["diploma"], exams["cpc"], education=EducationLevel.NONE, start_within_months=1)
    assert plan.duration.missing == ["High school diploma or GED"]
    assert plan.misfits == []
    assert not any("months you gave" in reason for reason in plan.fits)
    assert "We don't know how long the high school diploma or GED takes, so the total leaves it out." in plan.notes
    assert plan.verdict == Verdict.FITS_WHAT_WE_KNOW


def test_hours_per_week_are_mentioned_without_invented_numbers():
    (note,) = general_notes(answers(hours_per_week=7))
    assert "7 hours a week" in note
    assert re.findall(r"\d+", note) == ["7"]


@pytest.mark.parametrize(
    "language, hours, said",
    [
        ("en", 1, "You said you can study 1 hour a week."),
        ("en", 2, "You said you can study 2 hours a week."),
        ("es", 1, "Dijiste que puedes estudiar 1 hora por semana."),
        ("es", 2, "Dijiste que puedes estudiar 2 horas por semana."),
    ],
)
def test_one_hour_a_week_is_said_in_the_singular_in_both_languages(language, hours, said):
    with translation.override(language):
        (note,) = general_notes(answers(hours_per_week=hours))
    assert note.startswith(said)


# Interest --------------------------------------------------------------------------------------


def test_interest_in_coding_does_not_fit_a_billing_path(steps, exams):
    plan = plan_for(steps["certificate"], exams["cpb"], interest=Interest.CODING)
    assert "Leads to billing credentials (CPB), not coding." in plan.misfits
    assert plan.verdict == Verdict.NOT_NOW


def test_interest_in_both_is_partly_met_by_a_coding_path(steps, exams):
    plan = plan_for(steps["certificate"], exams["cpc"], interest=Interest.BOTH)
    assert "Covers coding but not billing (it leads to CPC)." in plan.notes
    assert plan.misfits == []


def test_interest_in_both_is_met_by_a_billing_and_coding_credential(steps):
    cbcs = CertificationFactory(code="CBCS", focus=Focus.BOTH)
    plan = plan_for(steps["certificate"], cbcs, interest=Interest.BOTH)
    assert "Matches your interest: it leads to CBCS." in plan.fits


def test_not_sure_matches_every_path(steps, exams):
    plan = plan_for(steps["certificate"], exams["cpb"], interest=Interest.NOT_SURE)
    assert plan.misfits == []
    assert "Leads to billing credentials (CPB)." in plan.notes


# Ranking ---------------------------------------------------------------------------------------


def test_good_fits_come_first_then_changes_then_misfits(steps, exams):
    billing = build_path(steps["certificate"], exams["cpb"], name="Billing", position=1)
    expensive = build_path(steps["associate"], exams["rhit"], name="Degree", position=2)
    coding = build_path(steps["certificate"], exams["cpc"], name="Coding", position=3)
    paths = QualificationPath.objects.published().with_steps()
    ranked = rank_paths(paths, answers(interest=Interest.CODING, budget_usd=5000))
    assert [item.path for item in ranked] == [coding, expensive, billing]
    assert [item.verdict for item in ranked] == [Verdict.GOOD, Verdict.POSSIBLE, Verdict.NOT_NOW]


def test_equal_fits_keep_the_editors_order(steps, exams):
    second = build_path(steps["certificate"], exams["cpc"], name="B", position=2)
    first = build_path(steps["certificate"], exams["cpc"], name="A", position=1)
    ranked = rank_paths(QualificationPath.objects.published().with_steps(), answers())
    assert [item.path for item in ranked] == [first, second]


def test_a_single_skipped_step_is_not_named_twice(steps, exams):
    plan = plan_for(steps["diploma"], steps["certificate"], exams["cpc"], education=EducationLevel.HIGH_SCHOOL)
    assert "You already have a high school diploma or GED, so you can skip that step." in plan.fits


def test_eligibility_is_checked_for_each_certification_of_the_path(steps, exams):
    RequirementFactory(certification=exams["cpc"], kind=RequirementKind.MEMBERSHIP)
    plan = plan_for(steps["certificate"], exams["cpc"], exams["rhit"], education=EducationLevel.HIGH_SCHOOL)
    assert [(check.certification.code, check.answer) for check in plan.eligibility] == [
        ("CPC", Answer.YES_IF),
        ("RHIT", Answer.NOT_YET),
    ]


# The page --------------------------------------------------------------------------------------

ANSWERS = {"education": 10, "interest": "coding", "hours_per_week": 10, "budget_usd": 5000, "start_within_months": 24}


def results_of(client, **params):
    response = client.get(PLAN_URL, {**ANSWERS, **params})
    assert response.status_code == 200
    return response.content.decode()


def test_plan_has_its_address():
    assert reverse("qualifications:path-finder") == PLAN_URL


def test_empty_plan_shows_only_the_questions(client, db):
    page = client.get(PLAN_URL).content.decode()
    assert 'name="education"' in page and 'name="start_within_months"' in page
    assert 'method="get"' in page
    assert "invalid-feedback" not in page and "Please answer" not in page
    assert "Paths ranked for you" not in page


def test_unrelated_parameters_do_not_count_as_answers(client, db):
    page = client.get(PLAN_URL, {"utm_source": "newsletter"}).content.decode()
    assert "Please answer" not in page


def test_answers_rank_the_published_paths_with_links(client, steps, exams):
    coding = build_path(steps["certificate"], exams["cpc"], name="Coding route", slug="coding-route")
    billing = build_path(steps["certificate"], exams["cpb"], name="Billing route", slug="billing-route")
    page = results_of(client)
    assert "Paths ranked for you" in page
    assert page.index(coding.get_absolute_url()) < page.index(billing.get_absolute_url())
    assert "Good fit" in page and "Not a fit for now" in page
    assert "text-bg-success" in page
    assert "Leads to billing credentials (CPB), not coding." in page


def test_a_path_an_editor_adds_shows_up(client, steps, exams):
    results_of(client)
    added = build_path(steps["associate"], exams["rhit"], name="Health information technician", slug="hit")
    page = results_of(client)
    assert "Health information technician" in page
    assert f'href="{added.get_absolute_url()}"' in page


def test_draft_paths_are_not_ranked(client, steps, exams):
    build_path(steps["certificate"], exams["cpc"], name="Draft route", status="draft")
    assert "Draft route" not in results_of(client)


def test_results_show_the_eligibility_check_of_each_certification(client, steps, exams):
    RequirementFactory(certification=exams["cpc"], kind=RequirementKind.MEMBERSHIP)
    build_path(steps["certificate"], exams["cpc"], name="Coding route", slug="coding-route")
    body = exams["cpc"].body.abbreviation
    page = results_of(client)
    assert "Can you sit the exams now?" in page
    assert "<summary>CPC: Yes, if …</summary>" in page
    assert f"you have {body} membership." in page
    assert 'href="/certifications/cpc/#eligibility"' in page


def test_answers_stay_in_the_form_of_the_results(client, steps, exams):
    page = results_of(client)
    assert re.search(r'<option value="10" selected>', page)
    assert re.search(r'<input[^>]*name="interest"[^>]*value="coding"[^>]*checked', page)
    assert re.search(r'<input[^>]*name="budget_usd"[^>]*value="5000"', page)


def test_unknown_cost_reads_as_not_known_on_the_page(client, steps, exams):
    steps["certificate"].cost_min_usd = steps["certificate"].cost_max_usd = None
    steps["certificate"].save()
    exams["cpc"].exam_cost.fee_low_usd = exams["cpc"].exam_cost.fee_high_usd = None
    exams["cpc"].exam_cost.save()
    build_path(steps["certificate"], exams["cpc"], name="Coding route")
    page = results_of(client)
    assert "not known yet" in page
    assert "$0" not in page


def test_results_take_six_queries_however_many_paths(client, steps, exams, django_assert_max_num_queries):
    for number in range(10):
        path = build_path(steps["certificate"], steps["associate"], exams["cpc"], exams["rhit"], name=f"Route {number}")
        path.occupations.add(OutlookFigureFactory().occupation)
    # paths, their steps (with education steps, certifications, bodies and exam costs), the certifications'
    # requirements, renewal sources, the occupations they lead to, their figures and the figures' sources
    with django_assert_max_num_queries(7):
        client.get(PLAN_URL, ANSWERS)
