"""PendingChange storage and display, review summaries, publish permissions, the states of a sourced figure."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.utils import timezone

from publishing.models import (
    Citation,
    Confirmation,
    FigureState,
    PendingChange,
    PublicationStatus,
    SourcedFigure,
    can_publish,
    content_models,
    publish_permission,
    review_summary,
    unconfirmed_figure_filter,
)
from publishing.services import pending_change_save
from qualifications.models import OutlookFigure
from tests.factories import (
    CertificationFactory,
    EducationStepFactory,
    OutlookFigureFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_content_models_are_every_concrete_publishable_model():
    names = {model._meta.label for model in content_models()}
    assert names == {
        "certifications.CertifyingBody",
        "certifications.CodeSet",
        "certifications.Certification",
        "qualifications.EducationStep",
        "qualifications.QualificationPath",
        "qualifications.Occupation",
        "qualifications.ExamCost",
        "qualifications.Skill",
        "qualifications.OutlookFigure",
        "qualifications.CareerTopic",
    }


def test_publish_permission_exists_for_every_content_model_after_migrate():
    from django.contrib.auth.models import Permission

    for model in content_models():
        app_label, codename = publish_permission(model).split(".")
        assert Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists()


def test_can_publish_needs_the_permission_and_an_active_account(roles):
    editor, publisher = UserFactory(), UserFactory()
    editor.groups.add(roles["Editors"])
    publisher.groups.add(roles["Publishers"])
    cert_model = CertificationFactory._meta.model
    assert not can_publish(editor, cert_model)
    assert can_publish(publisher, cert_model)
    assert can_publish(UserFactory(is_superuser=True), cert_model)
    publisher.is_active = False
    assert not can_publish(publisher, cert_model)


def test_pending_values_survive_the_database_with_their_types():
    figure = OutlookFigureFactory(value=Decimal("44090.00"))
    source = SourceFactory()
    edited = OutlookFigure.objects.get(pk=figure.pk)
    edited.value = Decimal("48780.50")
    edited.figure_as_of = datetime.date(2024, 5, 1)
    edited.figure_source = source
    edited.last_reviewed = datetime.date(2026, 1, 2)
    edited.label_en = "Median pay, 2024"
    names = ["value", "figure_as_of", "figure_source", "last_reviewed", "label_en"]
    pending_change_save(record=figure, edited=edited, field_names=names, user=None)
    pending = PendingChange.objects.get()
    values = {field.name: value for field, value in pending.values().items()}
    assert values == {
        "value": Decimal("48780.50"),
        "figure_as_of": datetime.date(2024, 5, 1),
        "figure_source": source.pk,
        "last_reviewed": datetime.date(2026, 1, 2),
        "label_en": "Median pay, 2024",
    }
    shown = pending.apply_to(OutlookFigure.objects.get(pk=figure.pk))
    assert shown.value == Decimal("48780.50") and shown.figure_source == source


def test_booleans_and_nulls_round_trip():
    cert = CertificationFactory(exam_open_book=None, entry_level=False, price_usd=300)
    edited = type(cert).objects.get(pk=cert.pk)
    edited.exam_open_book, edited.entry_level, edited.price_usd = False, True, None
    pending_change_save(
        record=cert, edited=edited, field_names=["exam_open_book", "entry_level", "price_usd"], user=None
    )
    shown = PendingChange.objects.get().apply_to(type(cert).objects.get(pk=cert.pk))
    assert (shown.exam_open_book, shown.entry_level, shown.price_usd) == (False, True, None)


def test_only_differing_listed_fields_are_held_never_publication_state():
    cert = CertificationFactory(price_usd=300)
    edited = type(cert).objects.get(pk=cert.pk)
    edited.price_usd = 399
    edited.name = "Not listed"
    edited.status = PublicationStatus.DRAFT
    edited.publish_from = timezone.now()
    names = ["price_usd", "code", "status", "publish_from"]
    assert PendingChange.differences(cert, edited, names) == {"price_usd": 399}


def test_unknown_fields_in_stored_data_are_ignored():
    cert = CertificationFactory(price_usd=300)
    pending = pending_change_save(
        record=cert, edited=type(cert)(pk=cert.pk, **_copy(cert, price_usd=1)), field_names=["price_usd"], user=None
    )
    pending.data = {"price_usd": 5, "status": "draft", "no_such_field": 1}
    pending.save()
    shown = pending.apply_to(type(cert).objects.get(pk=cert.pk))
    assert shown.price_usd == 5 and shown.status == PublicationStatus.PUBLISHED


def _copy(record, **changes):
    values = {field.attname: getattr(record, field.attname) for field in record._meta.concrete_fields}
    values.pop("id")
    return values | changes


def test_one_pending_change_per_record():
    cert = CertificationFactory()
    pending = pending_change_save(
        record=cert, edited=type(cert)(pk=cert.pk, **_copy(cert, price_usd=1)), field_names=["price_usd"], user=None
    )
    with pytest.raises(IntegrityError):
        PendingChange.objects.create(content_type=pending.content_type, object_id=cert.pk, data={})


def test_unconfirmed_filter_matches_unconfirmed_figures():
    flagged = OutlookFigureFactory(figure_confirmation=Confirmation.UNCONFIRMED)
    noted = OutlookFigureFactory(
        figure_confirmation=Confirmation.UNCONFIRMED, figure_source=None, figure_editor_note="check"
    )
    empty = OutlookFigureFactory(figure_confirmation=Confirmation.UNCONFIRMED, figure_source=None)
    confirmed = OutlookFigureFactory()
    matched = set(OutlookFigure.objects.filter(unconfirmed_figure_filter(OutlookFigure)))
    assert matched == {flagged, noted}
    assert {r for r in [flagged, noted, empty, confirmed] if r.unconfirmed_figures()} == matched


def test_review_summary_counts_stale_records_and_lists_unconfirmed_drafts_too():
    old = timezone.localdate() - datetime.timedelta(days=400)
    CertificationFactory(last_reviewed=old)
    CertificationFactory(last_reviewed=old, status=PublicationStatus.DRAFT)
    EducationStepFactory()
    draft_figure = OutlookFigureFactory(status=PublicationStatus.DRAFT, figure_confirmation=Confirmation.UNCONFIRMED)
    summary = review_summary()
    assert summary["needs_review_total"] == 2
    assert [(model.__name__, count) for model, count in summary["needing_review"]] == [("Certification", 2)]
    assert [record for record, _figures in summary["unconfirmed"]] == [draft_figure]


def test_review_summary_only_covers_models_the_user_may_view():
    CertificationFactory(last_reviewed=timezone.localdate() - datetime.timedelta(days=400))
    assert review_summary(UserFactory(is_staff=True))["needs_review_total"] == 0


def test_review_interval_is_per_model_from_settings(settings):
    settings.CONTENT_REVIEW_INTERVAL_MONTHS = {"default": 12, "qualifications.outlookfigure": 6}
    eight_months_ago = timezone.localdate() - datetime.timedelta(days=245)
    figure = OutlookFigureFactory(last_reviewed=eight_months_ago)
    cert = CertificationFactory(last_reviewed=eight_months_ago)
    assert figure.needs_review and not cert.needs_review


def citation(confirmation=Confirmation.OFFICIAL, years_old=0):
    as_of = datetime.date.today() - datetime.timedelta(days=years_old * 366)
    return Citation(source=None, as_of=as_of, as_of_label="", confirmation=confirmation, editor_note="", kind="price")


@pytest.mark.parametrize(
    "figure, state",
    [
        (SourcedFigure.of(None), FigureState.UNKNOWN),
        (SourcedFigure.of(""), FigureState.UNKNOWN),  # what a template gives for a figure that is not there
        (SourcedFigure.of(citation(), None, ""), FigureState.UNKNOWN),
        (SourcedFigure.of(citation(Confirmation.UNCONFIRMED), None), FigureState.UNKNOWN),
        (SourcedFigure.of(citation(Confirmation.UNCONFIRMED), 987), FigureState.UNCONFIRMED),
        (SourcedFigure.of(citation(Confirmation.UNCONFIRMED, years_old=5), 987), FigureState.UNCONFIRMED),
        (SourcedFigure.of(citation(Confirmation.UNCONFIRMED)), FigureState.UNCONFIRMED),
        (SourcedFigure.of(citation(years_old=5), 987), FigureState.OUTDATED),
        (SourcedFigure.of(citation(Confirmation.SECONDARY, years_old=5), None, 0), FigureState.OUTDATED),
        (SourcedFigure.of(citation(), 987), FigureState.CURRENT),
        (SourcedFigure.of(citation(Confirmation.SECONDARY), False), FigureState.CURRENT),  # closed book is a value
        (SourcedFigure.of(citation()), FigureState.CURRENT),  # a requirement: its citation is the figure
    ],
)
def test_a_figure_is_missing_then_unconfirmed_then_dated(figure, state):
    assert figure.state == state
    assert figure.shows_value is (state in (FigureState.OUTDATED, FigureState.CURRENT))
