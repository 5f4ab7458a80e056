"""The eligibility check: computed from a certification's records, shown on its page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certifications.eligibility import check_eligibility, education_level
from certifications.models import Certification, EducationLevel
from publishing.models import Confirmation
from tests.factories import CertificationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def ccs():
    return CertificationFactory(
        code="CCS",
        slug="ccs",
        min_education=EducationLevel.HIGH_SCHOOL,
        prerequisites="A high school diploma or equivalent.",
        membership_required=False,
        renewal_ceus=20,
        renewal_cycle_years=2,
        renewal_detail="At least 80% in health information domains.",
    )


@pytest.fixture
def cpc():
    return CertificationFactory(
        code="CPC",
        slug="cpc",
        min_education=EducationLevel.NONE,
        membership_required=True,
        apprentice_designation="CPC-A",
        apprentice_rules="Send proof of 2 years of coding work.",
        renewal_ceus=36,
        renewal_cycle_years=2,
    )


# The check -------------------------------------------------------------------------------------


def test_student_below_the_minimum_cannot_sit_now(ccs):
    check = check_eligibility(ccs, EducationLevel.NONE)
    assert check.can_sit_now is False
    assert check.reasons == ("You need at least: High school diploma or GED. You told us: No diploma yet.",)


def test_student_at_the_minimum_can_sit_now(ccs):
    check = check_eligibility(ccs, EducationLevel.HIGH_SCHOOL)
    assert check.can_sit_now is True
    assert check.reasons == (
        "Your education (High school diploma or GED) meets the requirement (High school diploma or GED).",
    )


def test_without_an_answer_the_check_does_not_guess(ccs):
    check = check_eligibility(ccs)
    assert check.can_sit_now is None
    assert check.required == EducationLevel.HIGH_SCHOOL


def test_no_education_required_is_said_plainly(cpc):
    check = check_eligibility(cpc, EducationLevel.NONE)
    assert check.can_sit_now is True
    assert "No proof of education is required to sit this exam." in check.reasons


def test_membership_comes_from_the_record(cpc, ccs):
    assert f"Membership of {cpc.body.abbreviation} is required." in check_eligibility(cpc).reasons
    assert check_eligibility(cpc).upkeep.membership_body == cpc.body.abbreviation
    assert check_eligibility(ccs).upkeep.membership_body == ""


def test_apprentice_status_and_how_it_ends_come_from_the_record(cpc, ccs):
    check = check_eligibility(cpc, EducationLevel.HIGH_SCHOOL)
    assert (check.apprentice_designation, check.apprentice_ends) == ("CPC-A", "Send proof of 2 years of coding work.")
    assert check_eligibility(ccs).apprentice_designation == ""


def test_upkeep_comes_from_the_record(ccs):
    upkeep = check_eligibility(ccs).upkeep
    assert (upkeep.ceus, upkeep.cycle_years, upkeep.is_known) == (20, 2, True)
    assert upkeep.detail == "At least 80% in health information domains."


def test_unconfirmed_renewal_rule_is_not_known(ccs):
    ccs.renewal_confirmation = Confirmation.UNCONFIRMED
    assert check_eligibility(ccs).upkeep.is_known is False


def test_other_prerequisites_are_passed_on_in_the_bodys_words(ccs):
    assert check_eligibility(ccs).other_prerequisites == "A high school diploma or equivalent."


@pytest.mark.parametrize("value", [None, "", "abc", "15", "-10", "10.0", "9" * 500, "\x00"])
def test_invalid_education_answers_are_ignored(value):
    assert education_level(value) is None


@pytest.mark.parametrize("value, level", [("0", EducationLevel.NONE), ("30", EducationLevel.ASSOCIATE), (" 40 ", 40)])
def test_valid_education_answers_are_read(value, level):
    assert education_level(value) == level


# On the certification page --------------------------------------------------------------------


def eligibility_section(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    page = response.content.decode()
    return re.search(r'<section class="eligibility.*?</section>', page, re.DOTALL).group(0)


def test_page_without_an_answer_shows_the_requirement_and_the_question(client, ccs):
    section = eligibility_section(client, "/certifications/ccs/")
    assert "Can you sit the CCS exam?" in section
    assert "You need at least: High school diploma or GED." in section
    assert 'method="get"' in section and 'name="education"' in section
    assert "Yes:" not in section and "Not yet." not in section


def test_page_says_not_yet_to_a_student_below_the_minimum(client, ccs):
    section = eligibility_section(client, "/certifications/ccs/?education=0")
    assert "Not yet." in section
    assert "You told us: No diploma yet." in section
    assert '<option value="0" selected>' in section


def test_page_says_yes_to_a_student_who_qualifies(client, ccs):
    section = eligibility_section(client, "/certifications/ccs/?education=30")
    assert "Yes: your education lets you sit it now." in section


@pytest.mark.parametrize("value", ["abc", "15", "<script>", "1" * 5000])
def test_page_ignores_an_invalid_answer(client, ccs, value):
    section = eligibility_section(client, "/certifications/ccs/", education=value)
    assert "You need at least: High school diploma or GED." in section
    assert "<script>" not in section


def test_a_control_character_in_the_answer_is_refused(client, ccs):
    # careerportal.middleware.InputRulesMiddleware, before the page is built
    assert client.get("/certifications/ccs/", {"education": "\x00"}).status_code == 400


def test_page_shows_apprentice_status_and_upkeep(client, cpc):
    section = eligibility_section(client, "/certifications/cpc/?education=10")
    assert "<strong>CPC-A</strong>, an apprentice status" in section
    assert "Send proof of 2 years of coding work." in section
    assert "36 continuing education units (CEUs) every 2 years." in section
    assert f"Stay a member of {cpc.body.abbreviation}." in section


def test_answering_adds_no_queries_to_the_page(client, ccs):
    client.get("/certifications/ccs/")  # warm up anything loaded once per process
    with CaptureQueriesContext(connection) as without_answer:
        client.get("/certifications/ccs/")
    with CaptureQueriesContext(connection) as with_answer:
        client.get("/certifications/ccs/?education=10")
    assert len(with_answer) == len(without_answer)


def test_check_reads_only_what_the_detail_view_loads(ccs, django_assert_num_queries):
    loaded = Certification.objects.with_related().get(pk=ccs.pk)
    with django_assert_num_queries(0):
        check = check_eligibility(loaded, EducationLevel.HIGH_SCHOOL)
        check.upkeep.citation.source  # noqa: B018 - the citation's source is shown with the upkeep
