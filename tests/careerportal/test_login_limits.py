"""Sign-in lockout behind a proxy: the client address comes from X-Forwarded-For only
when DJANGO_TRUSTED_PROXY_COUNT says how many proxies to trust, and one address is
limited across usernames."""

import pytest
from django.test import RequestFactory

from careerportal.login_limits import client_ip
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
PROXY = "10.0.0.5"


def sign_in(client, username, password, **headers):
    return client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}, REMOTE_ADDR=PROXY, **headers
    )


def forwarded(address):
    return {"HTTP_X_FORWARDED_FOR": address}


@pytest.fixture
def staff(db):
    return UserFactory(username="editor1", is_staff=True, is_superuser=True)


@pytest.mark.parametrize(
    ("count", "header", "expected"),
    [
        (0, "203.0.113.7", PROXY),  # no proxy trusted: the header is the client's own word
        (1, None, PROXY),
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # the left entry was written by the client
        (2, "198.51.100.1, 203.0.113.7", "198.51.100.1"),
        (2, "203.0.113.7", PROXY),  # fewer entries than proxies: not what the proxies wrote
        (1, "not-an-address", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_address(settings, count, header, expected):
    settings.TRUSTED_PROXY_COUNT = count
    meta = {"REMOTE_ADDR": PROXY} | ({"HTTP_X_FORWARDED_FOR": header} if header else {})
    assert client_ip(RequestFactory().get("/", **meta)) == expected


def test_without_trusted_proxies_a_forged_header_does_not_escape_the_lockout(client, staff, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, staff.username, "wrong", **forwarded(f"203.0.113.{n}"))
    assert sign_in(client, staff.username, PASSWORD, **forwarded("203.0.113.99")).status_code == 429


def test_behind_a_trusted_proxy_one_client_locks_only_itself(client, staff, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, staff.username, "wrong", **forwarded("203.0.113.7"))
    assert sign_in(client, staff.username, PASSWORD, **forwarded("203.0.113.7")).status_code == 429
    assert sign_in(client, staff.username, PASSWORD, **forwarded("198.51.100.1")).status_code == 302


def test_one_address_is_limited_across_usernames(client, staff, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 8
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 1):
        assert sign_in(client, f"guess{n}", "Spring2026!").status_code == 200
    assert sign_in(client, "guess-last", "Spring2026!").status_code == 429  # the failure that reaches the limit
    assert sign_in(client, staff.username, PASSWORD).status_code == 429


def test_other_addresses_are_not_limited_by_one_address(client, staff, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_ADDRESS_FAILURE_LIMIT = 8
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT):
        sign_in(client, f"guess{n}", "Spring2026!", **forwarded("203.0.113.7"))
    assert sign_in(client, "another", "Spring2026!", **forwarded("203.0.113.7")).status_code == 429
    assert sign_in(client, staff.username, PASSWORD, **forwarded("198.51.100.1")).status_code == 302
