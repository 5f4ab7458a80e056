"""setup_roles creates Editors and Publishers with least privilege, idempotently."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

pytestmark = pytest.mark.django_db

CONTENT = [
    "certifyingbody",
    "codeset",
    "certification",
    "educationstep",
    "qualificationpath",
    "skill",
    "outlookfigure",
    "careertopic",
]


def codenames(name):
    return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))


def run():
    out = io.StringIO()
    call_command("setup_roles", stdout=out)
    return out.getvalue()


def test_editors_add_change_and_view_content_but_never_publish_or_delete_it():
    run()
    editors = codenames("Editors")
    for model in CONTENT:
        assert {f"add_{model}", f"change_{model}", f"view_{model}"} <= editors
        assert f"publish_{model}" not in editors and f"delete_{model}" not in editors
    assert {"add_pathstep", "change_pathstep", "delete_pathstep", "view_pathstep"} <= editors
    assert {"add_source", "change_source", "view_source", "view_pendingchange"} <= editors
    assert "delete_source" not in editors


def test_publishers_may_also_publish_and_delete_content():
    run()
    editors, publishers = codenames("Editors"), codenames("Publishers")
    assert editors < publishers
    for model in CONTENT:
        assert {f"publish_{model}", f"delete_{model}"} <= publishers


@pytest.mark.parametrize("group", ["Editors", "Publishers"])
def test_neither_role_touches_users_groups_redirects_sites_or_lockouts(group):
    run()
    permissions = Group.objects.get(name=group).permissions.select_related("content_type")
    apps = {permission.content_type.app_label for permission in permissions}
    assert apps <= {"certifications", "qualifications", "publishing"}
    assert not any(p.codename.endswith("pendingchange") and not p.codename.startswith("view") for p in permissions)


def test_running_it_again_changes_nothing_and_removes_extra_permissions():
    first = run()
    assert "Created group 'Editors'" in first
    before = {name: codenames(name) for name in ("Editors", "Publishers")}
    from django.contrib.auth.models import Permission

    Group.objects.get(name="Editors").permissions.add(Permission.objects.get(codename="delete_user"))
    second = run()
    assert "Updated group 'Editors'" in second
    assert {name: codenames(name) for name in ("Editors", "Publishers")} == before
    assert Group.objects.filter(name__in=["Editors", "Publishers"]).count() == 2


def test_missing_publish_permission_is_recreated():
    from django.contrib.auth.models import Permission

    Permission.objects.filter(codename="publish_skill").delete()
    run()
    assert "publish_skill" in codenames("Publishers")
