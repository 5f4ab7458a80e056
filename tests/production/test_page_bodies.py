"""Rendered page bodies kept under the content generation (careerportal/page_bodies.py): with the page
cache off, a public page's second request is answered from the body the first one rendered, without
computing the page, and every content change shows on the very next request."""

import pytest
from csp.middleware import CSPMiddleware
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from careerportal.page_bodies import PageBodyCache
from careerportal.sharing.models import ShareLink
from publishing.models import PublicationStatus
from publishing.services import pending_change_save, preview_token_create
from tests.factories import CertificationFactory, UserFactory

# Invalidation runs when a transaction commits, so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    "/",
    "/certifications/",
    "/certifications/cpc/",
    "/certifications/cpc/?education=10&program=finished",
    "/certifications/compare/?c=cpc",
    "/plan/?education=10&interest=coding",
    "/search/?q=coder",
    "/es/certifications/cpc/",
]


@pytest.fixture(autouse=True)
def page_bodies_on(page_cache_off, settings):
    settings.PAGE_BODY_CACHE_SECONDS = 600


@pytest.fixture
def cert():
    return CertificationFactory(code="CPC", slug="cpc", name="Certified Professional Coder")


def rendered(response):
    """True when the view rendered its template for this response, False when a kept body answered."""
    assert bool(response.templates) != (response.get("X-Cache") == "body")
    return bool(response.templates)


@pytest.mark.parametrize("url", PAGES)
def test_the_second_request_is_answered_from_the_kept_body_with_one_query(client, cert, url):
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert rendered(first) and not rendered(second)
    assert second.status_code == 200 and second.content == first.content
    assert len(queries) == 1, "only the content generation is read"


def test_a_kept_body_gets_fresh_headers(client, cert):
    client.get("/certifications/cpc/")
    response = client.get("/certifications/cpc/")
    assert not rendered(response)
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Content-Language"] == "en"
    assert "Content-Security-Policy" in response
    assert "public" in response["Cache-Control"]


def test_an_edit_shows_on_the_next_request(client, cert):
    client.get("/certifications/cpc/")
    cert.name = "Renamed credential"
    cert.save()
    response = client.get("/certifications/cpc/")
    assert rendered(response)
    assert "Renamed credential" in response.content.decode()
    assert not rendered(client.get("/certifications/cpc/"))


UNREACHABLE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


def test_an_edit_made_by_a_server_that_cannot_reach_the_cache_shows_on_the_next_request(client, cert):
    client.get("/certifications/")
    assert not rendered(client.get("/certifications/"))
    with override_settings(CACHES=UNREACHABLE_CACHE):
        cert.name = "Edited elsewhere"
        cert.save()
    assert "Edited elsewhere" in client.get("/certifications/").content.decode()


def test_unpublishing_makes_the_page_404_at_once(client, cert):
    client.get("/certifications/cpc/")
    cert.status = PublicationStatus.DRAFT
    cert.save()
    assert client.get("/certifications/cpc/").status_code == 404


def test_languages_are_kept_apart(client, cert):
    english, spanish = client.get("/certifications/cpc/"), client.get("/es/certifications/cpc/")
    again_english, again_spanish = client.get("/certifications/cpc/"), client.get("/es/certifications/cpc/")
    assert not rendered(again_english) and not rendered(again_spanish)
    assert '<html lang="en">' in again_english.content.decode() and again_english.content == english.content
    assert '<html lang="es">' in again_spanish.content.decode() and again_spanish.content == spanish.content


def test_each_set_of_parameters_is_its_own_body(client, cert):
    client.get("/certifications/cpc/")
    answered = client.get("/certifications/cpc/?education=10&program=finished")
    assert rendered(answered)
    assert answered.content != client.get("/certifications/cpc/").content


def test_a_parameter_the_page_does_not_read_is_rendered_and_not_kept(client, cert):
    for _ in range(2):
        assert rendered(client.get("/certifications/cpc/?utm_source=mail"))


def test_a_preview_is_never_kept_nor_answered_from_a_kept_body(client, cert):
    publisher = UserFactory(is_staff=True, is_superuser=True)
    edited = type(cert).objects.get(pk=cert.pk)
    edited.name_en = "Unpublished new name"
    pending_change_save(record=cert, edited=edited, field_names=["name_en"], user=publisher, note="")
    client.get("/certifications/cpc/")  # a visitor's body is kept
    client.force_login(publisher)
    preview = client.get("/certifications/cpc/")
    assert rendered(preview) and "Unpublished new name" in preview.content.decode()
    client.logout()
    visitor = client.get("/certifications/cpc/")
    assert not rendered(visitor) and "Unpublished new name" not in visitor.content.decode()


def test_a_preview_link_is_never_kept(client, cert):
    draft = CertificationFactory(code="NEW", slug="new", status=PublicationStatus.DRAFT)
    token = preview_token_create(record=draft, user=UserFactory(is_staff=True, is_superuser=True))
    for _ in range(2):
        response = client.get(f"/certifications/new/?preview={token}")
        assert response.status_code == 200 and rendered(response)
    assert client.get("/certifications/new/").status_code == 404


def test_signed_in_users_and_share_links_get_a_rendered_page(client, cert):
    client.get("/certifications/cpc/")
    link = ShareLink.objects.create(owner=UserFactory(), target="/certifications/cpc/", note="Start here")
    shared = client.get(f"/s/{link.code}/")
    assert rendered(shared) and "Start here" in shared.content.decode()
    client.force_login(UserFactory())
    assert rendered(client.get("/certifications/cpc/"))


def test_not_found_pages_are_not_kept(client, cert):
    for _ in range(2):
        assert client.get("/certifications/no-such-credential/").status_code == 404


def test_one_page_keeps_a_bounded_number_of_bodies(client, cert, settings):
    settings.PAGE_CACHE_MAX_VARIANTS = 2
    for education in range(4):
        client.get(f"/certifications/cpc/?education={education}")
    assert not rendered(client.get("/certifications/cpc/?education=1"))
    assert rendered(client.get("/certifications/cpc/?education=3"))


def page_request(rf):
    """A request as it reaches the view: with its session, language and CSP nonce (not yet used)."""
    request = rf.get("/certifications/cpc/")
    request.session = SessionStore()
    request.LANGUAGE_CODE = "en"
    CSPMiddleware(lambda request: None).process_request(request)
    return request


@pytest.mark.parametrize(
    ("use_per_request_value", "kept"),
    [
        (lambda request: None, b"<p>page</p>"),
        (get_token, None),
        (lambda request: str(request.csp_nonce), None),
    ],
    ids=["nothing", "csrf token", "csp nonce"],
)
def test_a_body_with_a_csrf_token_or_a_csp_nonce_is_never_kept(rf, use_per_request_value, kept):
    """Public pages use neither today; a form with {% csrf_token %} or a nonce-bearing tag added later
    must not hand one visitor's token to another."""
    request = page_request(rf)
    bodies = PageBodyCache(request, page="certifications:detail", generation=1)
    use_per_request_value(request)
    bodies.keep(HttpResponse("<p>page</p>"))
    assert bodies.get() == kept
