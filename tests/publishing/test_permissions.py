import pytest
from django.apps import apps
from django.contrib.auth.models import Permission

from publishing.models import content_models, publish_permission_codename
from publishing.permissions import create_publish_permissions

pytestmark = pytest.mark.django_db


def test_every_content_model_has_a_publish_permission_after_migrate():
    for model in content_models():
        assert Permission.objects.filter(
            content_type__app_label=model._meta.app_label, codename=publish_permission_codename(model)
        ).exists(), model


def test_a_lost_publish_permission_comes_back_once_and_only_once():
    Permission.objects.filter(codename="publish_certification").delete()
    for _ in range(2):
        create_publish_permissions(sender=apps.get_app_config("certifications"))
    assert Permission.objects.filter(codename="publish_certification").count() == 1
