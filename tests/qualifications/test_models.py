import pytest
from django.core.exceptions import ValidationError

from certifications.models import EducationLevel
from publishing.models import Confirmation
from qualifications.models import PathStep, QualificationPath
from tests.factories import (
    CertificationFactory,
    EducationStepFactory,
    ExamCostFactory,
    OutlookFigureFactory,
    SourceFactory,
    build_path,
)

pytestmark = pytest.mark.django_db


def errors_of(record):
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    return caught.value.message_dict


def test_minimum_above_maximum_is_an_error_on_the_maximum():
    step = EducationStepFactory(duration_min_months=20, duration_max_months=10)
    assert "duration_max_months" in errors_of(step)


def test_cost_range_is_checked_too():
    step = EducationStepFactory(cost_min_usd=5000, cost_max_usd=100)
    assert "cost_max_usd" in errors_of(step)


def test_negative_cost_is_an_error():
    step = EducationStepFactory()
    step.cost_min_usd = -1
    assert "cost_min_usd" in errors_of(step)


def test_negative_duration_is_an_error():
    step = EducationStepFactory()
    step.duration_min_months = -3
    assert "duration_min_months" in errors_of(step)


def test_awarded_level_must_be_above_the_entry_level():
    step = EducationStepFactory(requires_level=EducationLevel.ASSOCIATE, awards_level=EducationLevel.HIGH_SCHOOL)
    assert "awards_level" in errors_of(step)


def test_outlook_figure_needs_a_source():
    figure = OutlookFigureFactory(figure_source=None)
    assert "figure_source" in errors_of(figure)


def test_step_with_both_targets_is_an_error():
    path = build_path()
    step = PathStep(path=path, position=1, education_step=EducationStepFactory(), certification=CertificationFactory())
    assert "__all__" in errors_of(step)


def test_path_totals_are_derived_from_its_steps():
    certificate = EducationStepFactory(
        duration_min_months=10, duration_max_months=18, cost_min_usd=1000, cost_max_usd=4000
    )
    degree = EducationStepFactory(duration_min_months=24, duration_max_months=24, cost_min_usd=6000, cost_max_usd=9000)
    exam = ExamCostFactory(fee_low_usd=400, fee_high_usd=400).certification
    path = build_path(certificate, degree, exam)
    path = QualificationPath.objects.with_steps().get(pk=path.pk)
    duration = path.total_duration_months()
    cost = path.total_cost_usd()
    assert (duration.low, duration.high, duration.missing) == (34, 42, [])
    assert (cost.low, cost.high) == (1000 + 6000 + 400, 4000 + 9000 + 400)


def test_totals_change_when_a_step_changes():
    certificate = EducationStepFactory(duration_min_months=10, duration_max_months=18)
    path = build_path(certificate)
    certificate.duration_max_months = 12
    certificate.save()
    assert QualificationPath.objects.with_steps().get(pk=path.pk).total_duration_months().high == 12


def test_unconfirmed_exam_fee_is_left_out_of_totals_and_named_as_missing():
    exam = ExamCostFactory(fee_low_usd=400, fee_confirmation=Confirmation.UNCONFIRMED).certification
    path = QualificationPath.objects.with_steps().get(pk=build_path(EducationStepFactory(), exam).pk)
    cost = path.total_cost_usd()
    assert cost.high == 3000
    assert cost.missing == [str(exam)]
    assert [str(part.label) for part in cost.unknown] == [f"{exam.code} exam fee"]


def test_exam_fee_counts_member_to_non_member_and_says_so():
    exam = ExamCostFactory(fee_low_usd=199, fee_high_usd=299, fee_spread="members $199, others $299").certification
    path = QualificationPath.objects.with_steps().get(pk=build_path(EducationStepFactory(), exam).pk)
    cost = path.total_cost_usd()
    assert (cost.low, cost.high) == (1000 + 199, 3000 + 299)
    [_program, fee] = cost.counted
    assert fee.detail == "members $199, others $299"
    assert fee.citation.is_confirmed


def test_dues_count_only_when_membership_is_needed_to_sit():
    exam = ExamCostFactory(
        certification__membership_required=True,
        dues_low_usd=190,
        dues_high_usd=222,
        dues_source=SourceFactory(),
        dues_as_of_label="undated",
        dues_confirmation=Confirmation.SECONDARY,
    ).certification
    path = QualificationPath.objects.with_steps().get(pk=build_path(exam).pk)
    cost = path.total_cost_usd()
    assert (cost.low, cost.high) == (199 + 190, 299 + 222)
    assert cost.unknown == []


def test_unconfirmed_dues_are_named_as_unknown_and_not_counted():
    exam = ExamCostFactory(certification__membership_required=True).certification
    path = QualificationPath.objects.with_steps().get(pk=build_path(exam).pk)
    cost = path.total_cost_usd()
    assert (cost.low, cost.high) == (199, 299)
    assert [str(part.label) for part in cost.unknown] == [
        f"{exam.body.abbreviation} membership dues, needed to sit the exam"
    ]


def test_exam_without_a_published_cost_counts_nothing_and_says_what_is_unknown():
    exam = CertificationFactory(membership_required=True, price_usd=199, price_confirmation=Confirmation.SECONDARY)
    ExamCostFactory(certification=exam, status="draft")
    path = QualificationPath.objects.with_steps().get(pk=build_path(exam).pk)
    cost = path.total_cost_usd()
    assert cost.counted == []
    assert len(cost.unknown) == 2


def test_exam_cost_needs_a_source_and_a_rising_range():
    cost = ExamCostFactory.build(
        fee_source=None, fee_low_usd=300, fee_high_usd=200, certification=CertificationFactory()
    )
    with pytest.raises(ValidationError) as error:
        cost.full_clean()
    assert {"fee_source", "fee_high_usd"} <= set(error.value.message_dict)


def test_dues_are_refused_where_membership_is_not_needed_to_sit():
    cost = ExamCostFactory.build(
        certification=CertificationFactory(membership_required=False),
        fee_source=SourceFactory(),
        dues_low_usd=190,
        dues_source=SourceFactory(),
        dues_as_of_label="undated",
    )
    with pytest.raises(ValidationError) as error:
        cost.full_clean()
    assert "dues_low_usd" in error.value.message_dict


def test_unconfirmed_duration_is_not_counted():
    step = EducationStepFactory(duration_confirmation=Confirmation.UNCONFIRMED)
    path = QualificationPath.objects.with_steps().get(pk=build_path(step).pk)
    duration = path.total_duration_months()
    assert duration.counted == [] and duration.missing == [str(step)]


def test_draft_steps_are_hidden_from_published_paths():
    draft_exam = CertificationFactory(status="draft")
    path = build_path(EducationStepFactory(), draft_exam)
    public = QualificationPath.objects.with_steps().get(pk=path.pk)
    assert draft_exam not in public.certifications()
    assert len(public.ordered_steps()) == 1
