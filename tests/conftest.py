from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from tests.factories import UserFactory


def pytest_sessionstart(session):
    """The interface translations are read from compiled catalogues, which are built, not committed: compile
    any missing or older than its .po, as `make messages` does, so no test reads a stale one."""
    for po in Path(django_settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            call_command("compilemessages", locale=[po.parents[1].name], ignore_patterns=[".venv"], verbosity=0)


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    """Feature tests see every page fresh; tests/production/test_page_cache.py and test_page_bodies.py
    turn the caches on.
    The cache also outlives each test's rolled-back database, so it starts empty."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.PAGE_BODY_CACHE_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in English: a request to a Spanish page leaves Spanish active in the
    thread (as a server's next request would reset it), which would put /es/ into addresses
    that tests build outside a request."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)
