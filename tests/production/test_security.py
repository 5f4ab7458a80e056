"""Production settings pass Django's deploy check; every page sends the security headers;
no template or page carries inline script, inline style or event-handler attributes."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import CertificationFactory, EducationStepFactory, SkillFactory, UserFactory, build_path
from tests.sharing.conftest import make_counselor

ROOT = Path(settings.BASE_DIR)
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "careers.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://careers.example.org",
    "SITE_URL": "https://careers.example.org",
}


def manage(*args, env):
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE would fail the deploy check (async.E001).
    inherited = {name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**inherited, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_in_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_start_up_fails_naming_the_missing_variable(missing):
    env = {**PRODUCTION_ENV, missing: ""}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"Set {missing}" in result.stderr


@pytest.fixture
def pages(db):
    cert = CertificationFactory(code="CPC", slug="cpc")
    step = EducationStepFactory(slug="certificate")
    skill = SkillFactory(slug="detail")
    path = build_path(step, cert, slug="coder")
    return [
        "/",
        "/paths/",
        path.get_absolute_url(),
        "/education/",
        step.get_absolute_url(),
        "/certifications/",
        cert.get_absolute_url(),
        "/skills/",
        skill.get_absolute_url(),
        "/careers/",
        "/no-such-page/",
    ]


def test_every_page_type_sends_the_security_headers(client, pages):
    for url in pages:
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy, url
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, url
        assert response["X-Frame-Options"] == "DENY", url
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert "camera=()" in response["Permissions-Policy"], url


def test_https_responses_carry_hsts_in_production():
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client(raise_request_exception=False).get('/healthz', secure=True, HTTP_HOST='careers.example.org');"
        "print(r.status_code, r.headers.get('Strict-Transport-Security'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={
            **os.environ,
            **PRODUCTION_ENV,
            "DJANGO_SETTINGS_MODULE": "careerportal.settings",
            "DATABASE_URL": "sqlite:///:memory:",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "max-age=31536000; includeSubDomains; preload" in result.stdout, result.stdout + result.stderr


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def find_inline_code(html):
    return [pattern.pattern for pattern in (INLINE_SCRIPT, INLINE_STYLE, EVENT_HANDLER) if pattern.search(html)]


def test_the_inline_code_detector_catches_what_it_must():
    assert find_inline_code("<script>alert(1)</script>")
    assert find_inline_code('<p style="color:red">')
    assert find_inline_code('<img src=x onerror="alert(1)">')
    assert not find_inline_code('<script src="/static/js/site.js" defer></script>')
    assert not find_inline_code('<script type="application/ld+json">{}</script>')


def test_no_template_has_inline_script_style_or_handlers():
    offenders = {}
    for template in (ROOT / "templates").rglob("*.html"):
        found = find_inline_code(template.read_text())
        if found:
            offenders[str(template.relative_to(ROOT))] = found
    assert offenders == {}


def test_no_rendered_page_has_inline_script_style_or_handlers(client, pages):
    offenders = {url: found for url in pages if (found := find_inline_code(client.get(url).content.decode()))}
    assert offenders == {}


def test_public_pages_may_be_kept_briefly_by_anyone(client, pages):
    for url in pages[:-1]:
        assert client.get(url)["Cache-Control"] == "public, max-age=60", url


def test_pages_for_a_signed_in_user_are_private(client, pages):
    client.force_login(UserFactory())
    for url in pages:
        cache_control = client.get(url)["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control, url


@pytest.mark.parametrize("url", ["/admin/login/", "/admin/", "/counselor/login/", "/counselor/"])
def test_private_areas_are_never_stored(client, db, url):
    cache_control = client.get(url)["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_counselor_pages_are_never_stored_for_a_counselor(client, db):
    client.force_login(make_counselor("counselor"))
    cache_control = client.get("/counselor/")["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", ""])
def test_admin_sign_in_with_a_refused_next_lands_on_the_admin(client, superuser, next_url):
    response = client.post(
        f"/admin/login/?next={next_url}",
        {"username": superuser.username, "password": "a-long-test-password", "next": next_url},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
