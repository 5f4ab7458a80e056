import pytest
from django.core.cache import cache

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """The page cache outlives the rolled-back database of each test: start empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)
