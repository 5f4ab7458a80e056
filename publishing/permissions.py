"""The `publish_<model>` permission of every content model, created after each
migrate the way Django creates the add/change/delete/view permissions, so a new
content model gets it without a migration of its own."""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from .models import content_models, publish_permission_codename


def create_publish_permissions(sender, using="default", **kwargs):
    """post_migrate receiver: make sure each content model of the migrated app has its permission."""
    for model in content_models():
        if model._meta.app_label != sender.label:
            continue
        content_type = ContentType.objects.db_manager(using).get_for_model(model)
        Permission.objects.db_manager(using).get_or_create(
            content_type=content_type,
            codename=publish_permission_codename(model),
            defaults={"name": f"Can publish {model._meta.verbose_name}"},
        )
