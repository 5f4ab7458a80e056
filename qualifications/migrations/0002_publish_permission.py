"""The publish_<model> permission of each content model: who holds it may
publish, unpublish and delete (see publishing/admin.py and setup_roles)."""

from django.db import migrations

APP_LABEL = "qualifications"
MODELS = ["educationstep", "qualificationpath", "skill", "outlookfigure", "careertopic"]


def create_publish_permissions(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model_name in MODELS:
        model = apps.get_model(APP_LABEL, model_name)
        content_type, _created = ContentType.objects.get_or_create(app_label=APP_LABEL, model=model_name)
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"publish_{model_name}",
            defaults={"name": f"Can publish {model._meta.verbose_name}"},
        )


def delete_publish_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label=APP_LABEL, codename__in=[f"publish_{name}" for name in MODELS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("qualifications", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_publish_permissions, delete_publish_permissions)]
