"""Repeated failed admin sign-ins lock the account out (django-axes) with a
clear page on the site's design, until the cool-off ends or an admin unlocks it."""

import pytest
from django.core.management import call_command
from django.utils.html import escape

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


def sign_in(client, username, password):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


@pytest.fixture
def staff(db):
    return UserFactory(username="editor1", is_staff=True, is_superuser=True)


def fail_until_locked(client, username, settings):
    for attempt in range(1, settings.AXES_FAILURE_LIMIT + 2):
        response = sign_in(client, username, "wrong password")
        if response.status_code == 429:
            return attempt, response
        assert response.status_code == 200  # the login form again, with an error
    pytest.fail("never locked out")


def test_lockout_after_the_failure_limit_shows_a_clear_page(client, staff, settings):
    attempt, response = fail_until_locked(client, staff.username, settings)
    assert attempt == settings.AXES_FAILURE_LIMIT
    page = response.content.decode()
    assert "Sign-in temporarily locked" in page
    assert f"{settings.AXES_FAILURE_LIMIT} times in a row" in page
    assert "try again in 30 minutes" in page
    assert "ask the site's administrator" in page
    assert escape(str(settings.SITE_NAME)) in page and "Skip to main content" in page  # the site design


def test_the_right_password_does_not_get_through_a_lockout(client, staff, settings):
    fail_until_locked(client, staff.username, settings)
    assert sign_in(client, staff.username, PASSWORD).status_code == 429


def test_axes_reset_username_unlocks(client, staff, settings):
    fail_until_locked(client, staff.username, settings)
    call_command("axes_reset_username", staff.username, stdout=open("/dev/null", "w"))  # noqa: SIM115
    response = sign_in(client, staff.username, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_lockout_of_one_account_does_not_lock_another(client, staff, settings):
    other = UserFactory(username="editor2", is_staff=True, is_superuser=True)
    fail_until_locked(client, staff.username, settings)
    assert sign_in(client, other.username, PASSWORD).status_code == 302
