"""careerportal/sharing/targets.py: share links lead to public pages of this site only."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from careerportal.sharing.targets import normalize_target, public_match
from tests.factories import CertificationFactory, SkillFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value, expected",
    [
        ("/certifications/cpc/", "/certifications/cpc/"),
        ("  /certifications/cpc/  ", "/certifications/cpc/"),
        ("/certifications/cpc", "/certifications/cpc/"),
        ("certifications/cpc/", "/certifications/cpc/"),
        ("http://127.0.0.1:8000/certifications/cpc/", "/certifications/cpc/"),
        ("/", "/"),
        ("/careers/#figure-1", "/careers/"),
        ("/certifications/?focus=billing", "/certifications/?focus=billing"),
        ("/certifications/compare/?c=cpc&c=cpb", "/certifications/compare/?c=cpc&c=cpb"),
        ("/certifications/cpc/?preview=signed-token&education=10", "/certifications/cpc/?education=10"),
        ("/skills/", "/skills/"),
    ],
)
def test_public_pages_are_accepted_and_normalised(cpc, settings, value, expected):
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert normalize_target(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "https://evil.example/certifications/cpc/",
        "//evil.example/certifications/cpc/",
        "javascript:alert(1)",
        "mailto:someone@example.org",
        "/admin/",
        "/admin/sharing/sharelink/",
        "/counselor/",
        "/counselor/new/",
        "/counselor/login/",
        "/s/abcdefghijkl/",
        "/sitemap.xml",
        "/robots.txt",
        "/feed/updates/",
        "/healthz",
        "/certifications/does-not-exist/",
        "/nowhere/",
        "/certifications/cpc/" + "x" * 400,
    ],
)
def test_anything_else_is_refused(cpc, value):
    with pytest.raises(ValidationError):
        normalize_target(value)


def test_a_draft_record_cannot_be_shared(db):
    SkillFactory(slug="draft-skill", status="draft")
    with pytest.raises(ValidationError, match="no public page"):
        normalize_target("/skills/draft-skill/")


def test_an_old_address_is_stored_as_the_page_s_new_one(db):
    cert = CertificationFactory(slug="old-cpc")
    cert.slug = "cpc"
    cert.save()
    assert normalize_target("/certifications/old-cpc/") == "/certifications/cpc/"


def test_another_host_is_refused_even_with_a_real_path(cpc, settings):
    settings.SITE_URL = "https://careers.example.org"
    assert normalize_target("https://careers.example.org/certifications/cpc/") == "/certifications/cpc/"
    with pytest.raises(ValidationError, match="not of another website"):
        normalize_target("https://careers.example.org.evil.example/certifications/cpc/")


@hypothesis_settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(max_size=120) | st.from_regex(r"\A(https?://[a-z.:0-9]*)?/[a-z0-9/?&=#%.-]*\Z"))
def test_any_input_is_a_public_path_or_a_validation_error(cpc, value):
    try:
        target = normalize_target(value)
    except ValidationError:
        return
    path = target.split("?", 1)[0]
    assert target.startswith("/") and not target.startswith("//")
    assert public_match(path) is not None


@pytest.mark.parametrize("value", ["/certifications/\x00", "/paths/\x07x/", "\x1b[31m/"])
def test_control_characters_are_a_validation_error(value):
    with pytest.raises(ValidationError) as caught:
        normalize_target(value)
    assert caught.value.code == "invalid"
