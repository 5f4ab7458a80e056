"""Hostile raw requests, with the page cache on: no byte sequence in a path or query
gives a server error, and none changes what the next visitor of a real page gets.

The test client passes the path as a WSGI server does (percent-decoded, not
normalised: `curl --path-as-is`); test_raw_requests_through_gunicorn sends the
same kind of request through the production server itself."""

import socket

import pytest
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from bench.harness import gunicorn, manage
from certifications.models import EducationLevel, Focus
from tests.factories import CertificationFactory, EducationStepFactory, build_path

SEGMENTS = [
    "..", ".", "", "%2e", "%2e%2e", ".%2e", "%2f", "..%2f", "%5c", "certifications", "cpc", "plan", "search",
    "admin", "s", "counselor", "x", "%00", "%01", "%0a", "%0d", "%1b", "%7f", "%ff", "%c3%28", "%e2%82", "%25",
    "%3f", "%23", "é", ";", "~",
]  # fmt: skip
QUERY_PARTS = ["q", "c", "education", "focus", "interest", "preview", "utm_source", "cpc", "10", "coding", "%00",
               "%1f", "%7f", "%ff", "%c3%28", "%2e%2e", "%2f", "&", "=", "+", "%26", "%3d", "é", "..", ""]  # fmt: skip

raw_paths = st.lists(st.sampled_from(SEGMENTS), max_size=8).map(lambda parts: "/" + "/".join(parts))
raw_queries = st.lists(st.sampled_from(QUERY_PARTS), max_size=8).map("".join)

PLAN = "/plan/?education=10&interest=coding&hours_per_week=10&budget_usd=5000&start_within_months=12"
EXPECTED = {
    "/": "Find my path",
    "/certifications/cpc/": "Certified Professional Coder",
    PLAN: "Medical coder route",
}


@pytest.fixture
def site(db, settings):
    settings.PAGE_CACHE_SECONDS = 600
    step = EducationStepFactory(name="Certificate program", requires_level=EducationLevel.HIGH_SCHOOL)
    cert = CertificationFactory(code="CPC", slug="cpc", name="Certified Professional Coder", focus=Focus.CODING)
    build_path(step, cert, name="Medical coder route", slug="medical-coder-route")


def assert_real_pages_intact(client):
    for url, marker in EXPECTED.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert marker in response.content.decode(), url


@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=raw_paths, query=raw_queries)
@example(path="/x/..", query="")
@example(path="/zzz/..%2fcertifications/cpc/", query="v=1")
@example(path="/certifications/./x/..", query="focus=both")
@example(path="//plan/", query="education=10")
@example(path="/" + "a" * 8192, query="")
@example(path="/s/%00/", query="x=1")
@example(path="/search/", query="q=" + "%ff" * 3000)
def test_no_raw_path_or_query_breaks_or_poisons_a_page(client, site, path, query):
    for method in (client.get, client.head):
        response = method(f"{path}?{query}" if query else path)
        assert response.status_code < 500, (path, query)
    assert_real_pages_intact(client)


def raw_request(base, target):
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode("latin-1"))
        reply = b""
        while chunk := connection.recv(65536):
            reply += chunk
    status = int(reply.split(b" ", 2)[1])
    return status, reply.decode("utf-8", "replace")


@pytest.fixture
def server(production_env, tmp_path):
    env = {
        **production_env,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'hostile.sqlite3'}",
        "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
        "GUNICORN_WORKERS": "1",
    }
    env.pop("REDIS_URL", None)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    setup = (
        "from tests.factories import CertificationFactory;"
        "CertificationFactory(code='CPC', slug='cpc', name='Certified Professional Coder')"
    )
    manage(env, "shell", "-c", setup)
    with gunicorn(env, tmp_path / "gunicorn.log") as base:
        yield base


def test_raw_requests_through_gunicorn(server):
    attacks = [
        "/x/../",
        "/zzz/..%2fcertifications/cpc/?v=1",
        "/zzz/%2e%2e/search/?q=cpc",
        "/a/b/../../plan/?education=10",
        "/certifications/./x/../?focus=both",
        "/foo%00/?utm=1",
        "/%00?x=1",
        "/certifications/%ff%fe/",
    ]
    for attack in attacks:
        for _ in range(2):
            status, reply = raw_request(server, attack)
            assert status < 500, attack
            assert "X-Cache" not in reply, attack
    status, home = raw_request(server, "/")
    assert status == 200 and "Find my path" in home
    status, page = raw_request(server, "/certifications/cpc/")
    assert status == 200 and "Certified Professional Coder" in page
    assert raw_request(server, "/certifications/cpc/")[1].count("X-Cache: hit") == 1
