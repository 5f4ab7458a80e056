"""careerportal/sharing/models.py: codes, note length, target normalisation, who counts as a counselor."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from careerportal.sharing.models import COUNSELORS_GROUP, ShareLink, is_counselor
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_codes_are_random_url_safe_and_at_least_eight_characters(make_link, cpc):
    codes = {make_link("/certifications/cpc/").code for _ in range(20)}
    assert len(codes) == 20
    for code in codes:
        assert len(code) >= 8
        assert set(code) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def test_code_is_unique_in_the_database(make_link, cpc):
    link = make_link("/certifications/cpc/")
    with pytest.raises(ValidationError) as error:
        ShareLink(code=link.code, target="/certifications/cpc/", owner=link.owner).full_clean()
    assert "code" in error.value.message_dict


def test_note_is_limited_to_500_characters(counselor, cpc):
    ShareLink(target="/certifications/cpc/", note="x" * 500, owner=counselor).full_clean()
    with pytest.raises(ValidationError) as error:
        ShareLink(target="/certifications/cpc/", note="x" * 501, owner=counselor).full_clean()
    assert "note" in error.value.message_dict


def test_full_address_on_the_site_is_stored_as_a_path(make_link, cpc, settings):
    link = make_link(f"{settings.SITE_URL}/certifications/cpc/#exam-heading")
    assert link.target == "/certifications/cpc/"


def test_retiring_records_the_moment_once(make_link, cpc):
    link = make_link("/certifications/cpc/")
    link.retire()
    first = link.retired_at
    link.retire()
    link.refresh_from_db()
    assert link.is_retired and link.retired_at == first


def test_editing_only_the_note_does_not_recheck_the_target(make_link, cpc):
    link = make_link("/certifications/cpc/")
    cpc.status = "draft"
    cpc.save()
    link.note = "Updated"
    link.full_clean(exclude=["target"])  # what a note-only form does


@pytest.mark.parametrize(
    "make_user, expected",
    [
        (lambda: UserFactory(), False),
        (lambda: UserFactory(is_staff=True), False),
        (lambda: UserFactory(is_superuser=True), True),
        (lambda: UserFactory(is_superuser=True, is_active=False), False),
    ],
)
def test_only_counselors_and_superusers_are_counselors(db, make_user, expected):
    assert is_counselor(make_user()) is expected


def test_group_members_are_counselors_while_active(counselor):
    assert is_counselor(counselor)
    counselor.is_active = False
    assert not is_counselor(counselor)


def test_counselors_group_migration_creates_the_group_with_its_permissions_and_reverses(db):
    migration = importlib.import_module("careerportal.sharing.migrations.0002_counselors_group")
    Group.objects.filter(name=COUNSELORS_GROUP).delete()

    migration.create_group(django_apps, None)
    migration.create_group(django_apps, None)  # idempotent

    group = Group.objects.get(name=COUNSELORS_GROUP)
    assert sorted(group.permissions.values_list("codename", flat=True)) == [
        "add_sharelink",
        "change_sharelink",
        "view_sharelink",
    ]
    migration.delete_group(django_apps, None)
    assert not Group.objects.filter(name=COUNSELORS_GROUP).exists()
