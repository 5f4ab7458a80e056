"""The path finder's questions: required answers, ranges, and bad input on the page."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from certifications.models import EducationLevel
from qualifications.forms import PathFinderForm
from qualifications.pathfinder import Answers, Interest

VALID = {
    "education": "30",
    "interest": "both",
    "hours_per_week": "15",
    "budget_usd": "4000",
    "start_within_months": "18",
}


def errors_for(**changes):
    data = {key: value for key, value in {**VALID, **changes}.items() if value is not None}
    form = PathFinderForm(data)
    assert not form.is_valid()
    return form.errors


def test_valid_answers_become_typed_answers():
    form = PathFinderForm(VALID)
    assert form.is_valid(), form.errors
    assert form.answers() == Answers(
        education=EducationLevel.ASSOCIATE,
        interest=Interest.BOTH,
        hours_per_week=15,
        budget_usd=4000,
        start_within_months=18,
    )


def test_education_choices_are_the_shared_education_levels():
    values = [value for value, _label in PathFinderForm.base_fields["education"].choices if value != ""]
    assert values == list(EducationLevel.values)


@pytest.mark.parametrize("field", list(VALID))
def test_every_question_must_be_answered(field):
    errors = errors_for(**{field: None})
    assert list(errors) == [field]


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("hours_per_week", "0", "Enter a number of hours from 1 to 80."),
        ("hours_per_week", "81", "Enter a number of hours from 1 to 80."),
        ("budget_usd", "-1", "Enter an amount from $0 to $500,000."),
        ("budget_usd", "500001", "Enter an amount from $0 to $500,000."),
        ("start_within_months", "0", "Enter a number of months from 1 to 120."),
        ("start_within_months", "121", "Enter a number of months from 1 to 120."),
        ("hours_per_week", "ten", "Enter a whole number, for example 10."),
        ("budget_usd", "1e9", "Enter a whole number, for example 10."),
        ("budget_usd", "99999999999999999999999", "Enter an amount from $0 to $500,000."),
        ("education", "15", "Please choose one of the listed education levels."),
        ("interest", "medicine", "Please choose one of the listed interests."),
    ],
)
def test_out_of_range_or_invalid_answers_name_the_field_and_the_fix(field, value, message):
    assert errors_for(**{field: value}) == {field: [message]}


def test_a_budget_of_zero_is_a_valid_answer():
    assert PathFinderForm({**VALID, "budget_usd": "0"}).is_valid()


# On the page -----------------------------------------------------------------------------------


@pytest.fixture
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.mark.django_db
def test_invalid_answers_show_errors_on_their_fields_and_keep_every_answer(client, no_page_cache):
    response = client.get("/plan/", {**VALID, "hours_per_week": "81", "budget_usd": "lots"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a number of hours from 1 to 80." in page
    assert "Enter a whole number, for example 10." in page
    assert re.search(r'<input[^>]*name="hours_per_week"[^>]*value="81"', page)
    assert re.search(r'<input[^>]*name="budget_usd"[^>]*value="lots"', page)
    assert re.search(r'<input[^>]*name="start_within_months"[^>]*value="18"', page)
    assert '<option value="30" selected>' in page
    assert "Paths ranked for you" not in page


@pytest.mark.django_db
def test_a_partly_answered_form_asks_for_the_rest(client, no_page_cache):
    page = client.get("/plan/", {"education": "10"}).content.decode()
    assert page.count("Please answer this question.") == 3
    assert "Please choose what interests you" in page
    assert '<option value="10" selected>' in page


any_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=20),
    st.sampled_from(["\x00", "-0", "1" * 400, "<b>1</b>", "' OR 1=1 --", "１０", "NaN", "inf", " 10 ", "10.0"]),
)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.fixed_dictionaries({}, optional={name: any_text for name in VALID}))
def test_any_answers_give_a_page_never_a_server_error(client, no_page_cache, values):
    response = client.get("/plan/", values)
    assert response.status_code in (200, 400)
    if values and response.status_code == 200:
        # Anything answered makes a bound form: either results or errors, never silence.
        page = response.content.decode()
        assert "Paths ranked for you" in page or "invalid-feedback" in page


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tag=st.from_regex(r"\A[a-z]{1,8}\Z"))
def test_markup_in_answers_is_never_rendered(client, no_page_cache, tag):
    payload = f'<{tag} data-injected="1">'
    page = client.get("/plan/", {**VALID, "budget_usd": payload, "interest": payload}).content.decode()
    assert "data-injected=" not in page.replace("data-injected=&quot;", "")
    assert f"&lt;{tag} data-injected" in page
