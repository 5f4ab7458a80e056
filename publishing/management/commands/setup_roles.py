"""Create or update the "Editors" and "Publishers" groups. Idempotent: running it
again resets both groups to exactly these permissions (least privilege)."""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction

from publishing.models import PendingChange, Source, content_models, publish_permission_codename

EDITORS = "Editors"
PUBLISHERS = "Publishers"


def part_models():
    """Models edited only as part of a content record, such as a path's steps:
    in a content app, deleted with the record they belong to (CASCADE)."""
    content = set(content_models())
    app_labels = {model._meta.app_label for model in content}
    return [
        model
        for model in apps.get_models()
        if model not in content
        and model._meta.app_label in app_labels
        and any(
            field.many_to_one and field.related_model in content and field.remote_field.on_delete is models.CASCADE
            for field in model._meta.concrete_fields
        )
    ]


def ensure_publish_permissions():
    """The publish_<model> permission of every content model (normally created by
    the apps' migrations; created here too for a content model added later)."""
    permissions = []
    for model in content_models():
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type,
            codename=publish_permission_codename(model),
            defaults={"name": f"Can publish {model._meta.verbose_name}"},
        )
        permissions.append(permission)
    return permissions


def model_permissions(model, actions):
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    codenames = [f"{action}_{model._meta.model_name}" for action in actions]
    found = list(Permission.objects.filter(content_type=content_type, codename__in=codenames))
    missing = set(codenames) - {permission.codename for permission in found}
    if missing:
        raise CommandError(f"Missing permissions {sorted(missing)}: run `python manage.py migrate` first.")
    return found


def role_permissions():
    """{group name: [Permission]} for both roles."""
    editable = [*content_models(), *part_models(), Source]
    editors = [permission for model in editable for permission in model_permissions(model, ["add", "change", "view"])]
    # A path's steps are edited inside the path, so removing a step is editing the
    # path; on a published path the steps are locked for editors anyway.
    editors += [permission for model in part_models() for permission in model_permissions(model, ["delete"])]
    editors += model_permissions(PendingChange, ["view"])
    publishers = editors + ensure_publish_permissions() + model_permissions(Source, ["publish"])
    publishers += [
        permission for model in [*content_models(), Source] for permission in model_permissions(model, ["delete"])
    ]
    return {EDITORS: editors, PUBLISHERS: publishers}


class Command(BaseCommand):
    help = (
        'Create or update the groups "Editors" (add, change and view content) and "Publishers" '
        "(also publish, unpublish and delete content). Safe to run again."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        for name, permissions in role_permissions().items():
            group, created = Group.objects.get_or_create(name=name)
            group.permissions.set(permissions)
            self.stdout.write(
                f"{'Created' if created else 'Updated'} group {name!r} with {len(set(permissions))} permissions."
            )
