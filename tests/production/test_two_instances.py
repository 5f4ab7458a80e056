"""Two gunicorn instances sharing one database and one cache (Redis, or the default file cache): an edit made through
one is visible through the other on the very next request, even when the instance making the edit cannot reach Redis."""

import contextlib
import os
import re
import urllib.parse

import pytest

from bench.harness import AdminSession, fresh_postgres, gunicorn, manage

NEEDS_REDIS = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs a real Redis in REDIS_URL (.ci/run sets it)"
)
CACHE_BACKENDS = [
    pytest.param("redis", marks=NEEDS_REDIS),
    # The editing instance's Redis is unreachable (a network split, a wrong address): its edit must still reach
    # the other instance, which serves from Redis.
    pytest.param("redis, unreachable from the editing instance", marks=NEEDS_REDIS),
    # Without REDIS_URL production uses a file cache that every worker on the machine shares.
    "default file cache",
]


def shared_database_url(tmp_path):
    """A fresh database for the two instances: PostgreSQL when the suite runs on it, else an SQLite file."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    parts = urllib.parse.urlsplit(url)
    return fresh_postgres(urllib.parse.urlunsplit(parts._replace(path=parts.path + "_two_instances")))


#: What the first instance answers its second request from: the page cache, or with the page cache off the page
#: body kept under the content generation (careerportal/page_bodies.py); its X-Cache header says which.
CACHES_IN_USE = {"page cache": ({}, "hit"), "kept page bodies": ({"PAGE_CACHE_SECONDS": "0"}, "body")}


@pytest.fixture(params=CACHES_IN_USE)
def caches_in_use(request):
    return request.param


@pytest.fixture(params=CACHE_BACKENDS)
def two_instances(request, production_env, tmp_path, caches_in_use):
    cache_settings, _answer = CACHES_IN_USE[caches_in_use]
    env = {**production_env, "DATABASE_URL": shared_database_url(tmp_path), "GUNICORN_WORKERS": "1", **cache_settings}
    if not request.param.startswith("redis"):
        env.pop("REDIS_URL", None)
    # Nothing listens on port 1: every cache call of the second (editing) instance fails.
    editing_env = {**env, "REDIS_URL": "redis://127.0.0.1:1/0"} if "unreachable" in request.param else env
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    setup = (
        "from tests.factories import CertificationFactory, UserFactory;"
        "UserFactory(username='boss', is_staff=True, is_superuser=True);"
        "CertificationFactory(code='TWOX', slug='twox', name='Shared cache credential')"
    )
    manage(env, "shell", "-c", setup)
    with contextlib.ExitStack() as servers:
        yield [
            servers.enter_context(gunicorn(instance_env, tmp_path / f"gunicorn-{n}.log"))
            for n, instance_env in ((1, env), (2, editing_env))
        ]


def test_edit_through_one_instance_is_seen_through_the_other_at_once(two_instances, caches_in_use):
    first, second = (AdminSession(base) for base in two_instances)
    status, headers, page = first.get("/certifications/twox/")
    assert status == 200 and "Shared cache credential" in page
    # The first instance now answers from its cache.
    assert first.get("/certifications/twox/")[1]["X-Cache"] == CACHES_IN_USE[caches_in_use][1]

    second.log_in("boss", "a-long-test-password")
    _status, changelist = second.get("/admin/certifications/certification/")[0::2]
    pk = re.search(r'name="_selected_action" value="(\d+)"', changelist).group(1)
    second.post_form(
        "/admin/certifications/certification/",
        {"action": "delete_selected", "_selected_action": pk, "post": "yes"},
    )

    assert first.get("/certifications/twox/")[0] == 404
    assert "Shared cache credential" not in first.get("/certifications/")[2]
