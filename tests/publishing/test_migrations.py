"""Data migrations of the publishing app."""

import importlib

import pytest
from django.apps import apps

from publishing.models import PendingChange
from tests.factories import CertificationFactory, SkillFactory

pytestmark = pytest.mark.django_db

line_endings = importlib.import_module("publishing.migrations.0003_normalise_line_endings")


def test_line_endings_migration_rewrites_content_history_and_pending_changes(django_user_model):
    cert = CertificationFactory()
    type(cert).objects.filter(pk=cert.pk).update(description="One.\r\nTwo.\rThree.")
    cert.history.update(summary="A\r\nB")
    skill = SkillFactory(on_the_job="Plain\ntext")
    pending = PendingChange.objects.create(record=cert, data={"summary": "X\r\nY", "price_usd": 5})

    line_endings.normalise_line_endings(apps, None)

    cert.refresh_from_db()
    assert cert.description == "One.\nTwo.\nThree."
    assert "A\nB" in set(cert.history.values_list("summary", flat=True))
    assert not [text for text in cert.history.values_list("summary", flat=True) if "\r" in text]
    skill.refresh_from_db()
    assert skill.on_the_job == "Plain\ntext"
    pending.refresh_from_db()
    assert pending.data == {"summary": "X\nY", "price_usd": 5}
