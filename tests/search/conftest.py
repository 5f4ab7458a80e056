import pytest
from django.db import connection


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (full-text search, pg_trgm): run with DATABASE_URL=postgres://... "
            f"(this run uses {connection.vendor})"
        )


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Every request here must reach the search view, not the anonymous page cache."""
    settings.PAGE_CACHE_SECONDS = 0
