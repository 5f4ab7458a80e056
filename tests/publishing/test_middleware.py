"""Staff are signed out after STAFF_SESSION_IDLE_MINUTES without activity; each page's metadata
is computed once, before its template renders."""

import time

import pytest

from publishing import middleware
from publishing.middleware import SESSION_KEY
from tests.factories import CertificationFactory, UserFactory

pytestmark = pytest.mark.django_db


def set_last_activity(client, seconds_ago):
    session = client.session
    session[SESSION_KEY] = int(time.time()) - seconds_ago
    session.save()


def test_idle_staff_is_signed_out_with_a_message(client, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 30
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/admin/").status_code == 200
    set_last_activity(client, 31 * 60)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/admin/login/")
    assert "_auth_user_id" not in client.session
    assert any("signed out after 30 minutes" in str(m) for m in response.context["messages"])


def test_active_staff_stays_signed_in(client, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 30
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    set_last_activity(client, 29 * 60)
    assert client.get("/admin/").status_code == 200
    assert time.time() - client.session[SESSION_KEY] < 5  # the clock restarted


def test_idle_time_is_configurable(client, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 5
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    set_last_activity(client, 6 * 60)
    assert client.get("/admin/").status_code == 302


def test_non_staff_users_are_not_timed_out(client):
    client.force_login(UserFactory(is_staff=False))
    set_last_activity(client, 10 * 3600)
    client.get("/")
    assert "_auth_user_id" in client.session


def test_visitors_without_a_session_get_no_session(client):
    response = client.get("/")
    assert "sessionid" not in response.cookies


# PageMetadataMiddleware


def test_page_metadata_is_computed_once_and_read_by_head_and_share_panel(client, monkeypatch, settings):
    settings.PAGE_CACHE_SECONDS = 0
    cert = CertificationFactory(slug="cpc", summary="A coding credential.")
    calls = []
    compute = middleware.page_metadata
    monkeypatch.setattr(middleware, "page_metadata", lambda context: calls.append(1) or compute(context))
    response = client.get("/certifications/cpc/?utm_source=x")
    meta = response.context["page_meta"]
    html = response.content.decode()
    assert len(calls) == 1
    assert meta.record == cert
    assert meta.canonical == f"{settings.SITE_URL}/certifications/cpc/"
    assert f'<link rel="canonical" href="{meta.canonical}">' in html
    assert '<meta name="description" content="A coding credential.">' in html
    assert f'<p class="share-url small mb-0">{meta.canonical}</p>' in html


def test_private_pages_get_no_page_metadata_and_the_site_description(client, db, settings):
    response = client.get("/counselor/login/")
    assert response.context["page_meta"] is None
    html = response.content.decode()
    assert f'<meta name="description" content="{settings.SITE_DESCRIPTION}">' in html
    assert 'rel="canonical"' not in html
    assert "share-panel" not in html
