"""Two gunicorn instances sharing one database and one Redis: an edit made through
one is visible through the other on the very next request."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.conf import settings

pytestmark = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs a real Redis in REDIS_URL (.ci/run sets it)"
)
ROOT = settings.BASE_DIR


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def shared_database_url(tmp_path):
    """A fresh database for the two instances: PostgreSQL when the suite runs on it, else an SQLite file."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    import psycopg2

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/") + "_two_instances"
    admin = psycopg2.connect(urllib.parse.urlunsplit(parts._replace(path="/postgres")))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


class Browser:
    """A tiny HTTP client with cookies, enough to sign in to the admin."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path):
        try:
            with self.opener.open(self.base + path, timeout=10) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def post_form(self, path, fields):
        _status, _headers, page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}, doseq=True).encode()
        request = urllib.request.Request(self.base + path, data=data, headers={"Referer": self.base + path})
        with self.opener.open(request, timeout=10) as response:
            return response.status, response.read().decode()


@pytest.fixture
def two_instances(production_env, tmp_path):
    env = {**production_env, "DATABASE_URL": shared_database_url(tmp_path), "GUNICORN_WORKERS": "1"}
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "--verbosity", "0"], cwd=ROOT, env=env, check=True, timeout=300)
    setup = (
        "from tests.factories import CertificationFactory, UserFactory;"
        "UserFactory(username='boss', is_staff=True, is_superuser=True);"
        "CertificationFactory(code='TWOX', slug='twox', name='Shared cache credential')"
    )
    subprocess.run([*manage, "shell", "-c", setup], cwd=ROOT, env=env, check=True, timeout=120)
    servers, bases = [], []
    for _ in range(2):
        port = free_port()
        servers.append(
            subprocess.Popen(
                [
                    os.path.join(os.path.dirname(sys.executable), "gunicorn"),
                    "-c",
                    "gunicorn.conf.py",
                    "careerportal.wsgi",
                ],
                cwd=ROOT,
                env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        bases.append(f"http://127.0.0.1:{port}")
    try:
        for base in bases:
            for _ in range(100):
                try:
                    if Browser(base).get("/healthz")[0] == 200:
                        break
                except OSError:
                    pass
                time.sleep(0.2)
            else:
                pytest.fail(f"gunicorn at {base} did not start")
        yield bases
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)


def test_edit_through_one_instance_is_seen_through_the_other_at_once(two_instances):
    first, second = (Browser(base) for base in two_instances)
    status, headers, page = first.get("/certifications/twox/")
    assert status == 200 and "Shared cache credential" in page
    assert first.get("/certifications/twox/")[1]["X-Cache"] == "hit"  # the first instance now serves it cached

    second.post_form("/admin/login/?next=/admin/", {"username": "boss", "password": "a-long-test-password"})
    _status, changelist = second.get("/admin/certifications/certification/")[0::2]
    pk = re.search(r'name="_selected_action" value="(\d+)"', changelist).group(1)
    second.post_form(
        "/admin/certifications/certification/",
        {"action": "delete_selected", "_selected_action": pk, "post": "yes"},
    )

    assert first.get("/certifications/twox/")[0] == 404
    assert "Shared cache credential" not in first.get("/certifications/")[2]
