"""/healthz both ways, and a styled 503 page (never a traceback) when the database is down."""

import json
import subprocess
import sys

import pytest
from django.conf import settings

DATABASE_DOWN = "postgres://postgres@127.0.0.1:1/unreachable"  # nothing listens on port 1


def test_healthz_reports_a_working_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"
    assert "no-store" in response["Cache-Control"]


def get_with_database_down(path, env):
    script = (
        "import json, django; django.setup();"
        "from django.test import Client;"
        f"r = Client(raise_request_exception=False).get({path!r}, HTTP_HOST='127.0.0.1');"
        "print(json.dumps({'status': r.status_code, 'body': r.content.decode()}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env={**env, "DATABASE_URL": DATABASE_DOWN},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_healthz_answers_503_when_the_database_is_unreachable(production_env):
    response = get_with_database_down("/healthz", production_env)
    assert response["status"] == 503
    assert json.loads(response["body"])["checks"]["database"] == "unavailable"


@pytest.mark.parametrize("path", ["/", "/certifications/cpc/", "/paths/"])
def test_pages_answer_a_styled_503_when_the_database_is_down(path, production_env):
    response = get_with_database_down(path, production_env)
    assert response["status"] == 503
    assert "The site is briefly unavailable" in response["body"]
    assert "Traceback" not in response["body"]
    assert "/static/css/site." in response["body"]  # the site's own (hashed) stylesheet


def test_ping_answers_ok_without_touching_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/ping")
    assert response.content == b"ok"
