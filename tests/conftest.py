import pytest
from django.core.cache import cache

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    """Feature tests see every page fresh; tests/production/test_page_cache.py turns the cache on.
    The cache also outlives each test's rolled-back database, so it starts empty."""
    settings.PAGE_CACHE_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)
