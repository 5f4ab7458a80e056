"""publishing.seo.site_url and SiteUrlMiddleware: in debug without SITE_URL every absolute address
follows the address the browser used (`make run PORT=8101`); production always uses SITE_URL."""

import pytest

from careerportal.sharing.models import ShareLink

from .helpers import read_head

pytestmark = pytest.mark.django_db

LOCAL = "http://127.0.0.1:8101"


@pytest.fixture
def debug_site(settings):
    settings.DEBUG = True
    settings.SITE_URL_FROM_REQUEST = True
    settings.SITE_URL = "http://127.0.0.1:8000"
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]


def test_in_debug_page_addresses_follow_the_request_s_host_and_port(client, debug_site, cpc):
    html = client.get("/certifications/cpc/", HTTP_HOST="127.0.0.1:8101").content.decode()
    assert read_head(html).links["canonical"] == f"{LOCAL}/certifications/cpc/"
    assert f'href="{LOCAL}/certifications/cpc/" data-share-copy' in html
    assert "127.0.0.1:8000" not in html


@pytest.mark.parametrize("url", ["/sitemap.xml", "/feed/updates/", "/robots.txt"])
def test_in_debug_sitemap_feed_and_robots_follow_the_request(client, debug_site, cpc, url):
    body = client.get(url, HTTP_HOST="127.0.0.1:8101").content.decode()
    assert f"{LOCAL}/" in body
    assert "127.0.0.1:8000" not in body


def test_in_debug_the_counselor_form_accepts_the_browser_s_own_address(counselor_client, counselor, debug_site, cpc):
    response = counselor_client.post(
        "/counselor/new/", {"target": f"{LOCAL}/certifications/cpc/", "note": ""}, HTTP_HOST="127.0.0.1:8101"
    )
    assert response.status_code == 302
    link = ShareLink.objects.get()
    assert link.target == "/certifications/cpc/"
    listing = counselor_client.get("/counselor/", HTTP_HOST="127.0.0.1:8101").content.decode()
    assert f'href="{LOCAL}/s/{link.code}/" data-share-copy' in listing


def test_in_debug_a_host_outside_allowed_hosts_is_refused(client, debug_site, cpc):
    assert client.get("/certifications/cpc/", HTTP_HOST="evil.example").status_code == 400


@pytest.mark.parametrize("from_request", [True, False])
def test_production_builds_every_address_from_site_url_whatever_the_host(client, settings, cpc, from_request):
    settings.DEBUG = False
    settings.SITE_URL_FROM_REQUEST = from_request
    settings.SITE_URL = "https://careers.example.org"
    settings.ALLOWED_HOSTS = ["careers.example.org", "internal.example"]
    html = client.get("/certifications/cpc/", HTTP_HOST="internal.example").content.decode()
    assert read_head(html).links["canonical"] == "https://careers.example.org/certifications/cpc/"
    assert "internal.example" not in html
