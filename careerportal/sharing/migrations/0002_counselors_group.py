"""The "Counselors" group: may add, change and view share links (retiring is a
change; nobody deletes a link a student may hold). Accounts are made by an
admin and added to the group."""

from django.db import migrations

GROUP = "Counselors"
CODENAMES = ["add_sharelink", "change_sharelink", "view_sharelink"]


def create_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; make sure they exist now.
    app_config = apps.get_app_config("sharing")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True  # historical app configs have none
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="sharing", codename__in=CODENAMES))


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sharing", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
