"""The admin's lists, add and change pages load for a superuser; validation shows as form errors."""

import pytest
from django.contrib import admin

from publishing.models import PublishableContent, Source
from tests.factories import (
    CareerTopicFactory,
    CertificationFactory,
    CodeSetFactory,
    EducationStepFactory,
    ExamCostFactory,
    OutlookFigureFactory,
    SkillFactory,
    SourceFactory,
    build_path,
)

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [model for model in admin.site._registry if issubclass(model, PublishableContent)] + [Source]


@pytest.fixture
def records():
    cert = CertificationFactory()
    return [
        cert,
        cert.body,
        CodeSetFactory(),
        SkillFactory(),
        OutlookFigureFactory(),
        ExamCostFactory(),
        CareerTopicFactory(),
        build_path(EducationStepFactory(), cert),
        SourceFactory(),
    ]


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model._meta.label)
def test_changelist_add_and_change_pages_load(client, superuser, records, model):
    client.force_login(superuser)
    opts = model._meta
    base = f"/admin/{opts.app_label}/{opts.model_name}/"
    assert client.get(base).status_code == 200
    assert client.get(base + "add/").status_code == 200
    record = model.objects.first()
    assert client.get(f"{base}{record.pk}/change/").status_code == 200


def test_min_above_max_is_a_form_error_not_a_500(client, superuser):
    client.force_login(superuser)
    source = SourceFactory()
    response = client.post(
        "/admin/qualifications/educationstep/add/",
        {
            "name": "Bad step",
            "slug": "bad-step",
            "summary": "x",
            "employer_expectation": "optional",
            "requires_level": 0,
            "duration_min_months": 20,
            "duration_max_months": 10,
            "duration_source": source.pk,
            "duration_as_of": "2024-01-01",
            "duration_confirmation": "official",
            "cost_confirmation": "unconfirmed",
            "status": "draft",
            "last_reviewed": "2026-01-01",
            "position": 0,
        },
    )
    assert response.status_code == 200
    assert "The maximum must be at least the minimum" in response.content.decode()
