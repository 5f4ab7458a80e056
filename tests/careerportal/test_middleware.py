"""Request rules applied before any view: control characters get a 400, never a 500."""

import pytest

from tests.factories import CertificationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/foo%00/?utm=1",
        "/s/%00/?x=1",
        "/counselor/%00/edit/?a=1",
        "/%00?x=1",
        "/certifications/cpc%01/",
        "/certifications/?focus=%00",
        "/search/?q=a%00b",
        "/search/?%00=1",
        "/plan/?education=%1b",
        "/certifications/cpc/?preview=%7f",
    ],
)
def test_control_characters_in_the_address_get_a_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "not allowed" in response.content.decode()


@pytest.mark.parametrize("url", ["/admin/certifications/certification/?status__exact=%00", "/admin/?focus__exact=%00"])
def test_control_characters_in_admin_filters_get_a_400(admin_client, url):
    assert admin_client.get(url).status_code == 400


def test_control_characters_in_form_data_get_a_400(client):
    response = client.post("/counselor/login/", {"username": "a\x00b", "password": "x"})
    assert response.status_code == 400


def test_tab_and_line_breaks_in_values_are_allowed(client):
    CertificationFactory(code="CPC", slug="cpc")
    assert client.get("/search/?q=cpc%09coder%0d%0a").status_code == 200
    assert client.get("/certifications/cpc/?education=%0a").status_code == 200


@pytest.mark.parametrize("method", ["TRACE", "PUT", "PATCH", "DELETE", "PROPFIND", "CONNECT"])
@pytest.mark.parametrize("url", ["/", "/healthz", "/s/abc/", "/admin/login/", "/no-such-page/"])
def test_unsupported_methods_get_a_405(client, method, url):
    response = client.generic(method, url)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST, OPTIONS"
