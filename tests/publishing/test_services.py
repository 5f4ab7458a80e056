"""Publishing writes check permissions themselves and record history with notes."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from publishing.models import PendingChange, PublicationStatus
from publishing.services import (
    pending_change_discard,
    pending_change_save,
    preview_token_allows,
    preview_token_create,
    record_publish,
    record_unpublish,
    records_mark_reviewed,
)
from tests.factories import CertificationFactory, SourceFactory

pytestmark = pytest.mark.django_db

DRAFT, PUBLISHED = PublicationStatus.DRAFT, PublicationStatus.PUBLISHED


def hold(record, user, note="", **values):
    edited = type(record).objects.get(pk=record.pk)
    for name, value in values.items():
        setattr(edited, name, value)
    return pending_change_save(record=record, edited=edited, field_names=list(values), user=user, note=note)


def test_editor_cannot_publish_even_through_the_service(editor):
    cert = CertificationFactory(status=DRAFT)
    with pytest.raises(PermissionDenied):
        record_publish(record=cert, user=editor)
    cert.refresh_from_db()
    assert cert.status == DRAFT


def test_editor_cannot_unpublish_discard_or_make_links(editor):
    cert = CertificationFactory()
    hold(cert, editor, price_usd=1)
    for call in (record_unpublish, pending_change_discard, preview_token_create):
        with pytest.raises(PermissionDenied):
            call(record=cert, user=editor)
    assert PendingChange.objects.exists()


def test_publishing_a_draft_records_who_and_the_note(publisher):
    cert = CertificationFactory(status=DRAFT)
    assert record_publish(record=cert, user=publisher, note="  First   published  ")
    cert.refresh_from_db()
    latest = cert.history.first()
    assert cert.status == PUBLISHED
    assert latest.history_user == publisher and latest.history_change_reason == "First published"


def test_publishing_without_a_note_records_none(publisher):
    cert = CertificationFactory(status=DRAFT)
    record_publish(record=cert, user=publisher)
    assert cert.history.first().history_change_reason is None
    assert cert.change_notes() == []


def test_publishing_applies_the_pending_change_in_one_new_version(publisher, editor):
    cert = CertificationFactory(price_usd=300)
    hold(cert, editor, note="AAPC fee 2026", price_usd=399)
    versions = cert.history.count()
    assert record_publish(record=cert, user=publisher)
    cert.refresh_from_db()
    assert cert.price_usd == 399
    assert cert.history.count() == versions + 1
    assert cert.change_notes()[0][1] == "AAPC fee 2026"
    assert not PendingChange.objects.exists()


def test_publishing_something_already_published_changes_nothing(publisher):
    cert = CertificationFactory()
    assert record_publish(record=cert, user=publisher) is False
    assert cert.history.count() == 1


def test_invalid_pending_change_is_refused_and_kept(publisher, editor):
    cert = CertificationFactory(price_usd=300)
    source = SourceFactory()
    hold(cert, editor, price_source=source, price_usd=399)
    source.delete()
    with pytest.raises(ValidationError):
        record_publish(record=cert, user=publisher)
    cert.refresh_from_db()
    assert cert.price_usd == 300 and PendingChange.objects.exists()


def test_pending_change_slug_taken_meanwhile_is_refused(publisher, editor):
    cert = CertificationFactory(slug="cpc-old")
    hold(cert, editor, slug="taken")
    CertificationFactory(slug="taken")
    with pytest.raises(ValidationError):
        record_publish(record=cert, user=publisher)


def test_long_notes_are_cut_to_the_history_column(publisher):
    cert = CertificationFactory(status=DRAFT)
    record_publish(record=cert, user=publisher, note="x" * 300)
    assert len(cert.history.first().history_change_reason) == 100


def test_unpublish_keeps_the_pending_change(publisher, editor):
    cert = CertificationFactory()
    hold(cert, editor, price_usd=1)
    assert record_unpublish(record=cert, user=publisher)
    cert.refresh_from_db()
    assert cert.status == DRAFT and PendingChange.objects.exists()
    assert record_unpublish(record=cert, user=publisher) is False


def test_mark_reviewed_sets_today_without_a_public_note(publisher):
    cert = CertificationFactory(last_reviewed=timezone.localdate() - datetime.timedelta(days=500))
    assert records_mark_reviewed(records=[cert], user=publisher) == (1, 0)
    cert.refresh_from_db()
    assert cert.last_reviewed == timezone.localdate()
    assert cert.history.first().history_user == publisher
    assert cert.change_notes() == []


def test_preview_token_for_a_live_record_without_changes_is_refused(publisher):
    with pytest.raises(ValueError):
        preview_token_create(record=CertificationFactory(), user=publisher)


def test_preview_token_allows_only_its_own_record(publisher):
    draft, other = CertificationFactory(status=DRAFT), CertificationFactory(status=DRAFT)
    token = preview_token_create(record=draft, user=publisher)
    assert preview_token_allows(token, draft)
    assert not preview_token_allows(token, other)
    assert not preview_token_allows(token + "x", draft)
