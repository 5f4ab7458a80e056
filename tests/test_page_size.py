"""Every public page stays under 100 KB of HTML, with a bounded number of queries.

Checked over the starter content: every list page, every published detail
page, a filtered list and the 404 page. The pages weigh 10-22 KB today.
"""

import pytest

from tests.browser.content import load_public_content

pytestmark = pytest.mark.django_db

MAX_HTML_BYTES = 100 * 1024
# The pages run 1-15 queries (a certification page also reads its eligibility requirements, the
# occupations it leads to, their figures, its shortest path with its steps and salary surveys); each
# page's own bound, which catches a query per listed record, is in tests/test_query_counts.py.
MAX_QUERIES = 15


@pytest.fixture
def public_urls():
    return load_public_content()


def test_starter_content_gives_every_kind_of_public_page(public_urls):
    for prefix in ("/paths/", "/education/", "/certifications/", "/skills/"):
        assert any(url.startswith(prefix) and url != prefix for url in public_urls), f"no detail page under {prefix}"


def test_every_public_page_is_under_100_kb(client, public_urls, django_assert_max_num_queries):
    sizes = {}
    for url in [*public_urls, "/certifications/?focus=billing&entry_level=true"]:
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(url)
        assert response.status_code == 200, url
        sizes[url] = len(response.content)
    too_big = {url: size for url, size in sizes.items() if size >= MAX_HTML_BYTES}
    assert not too_big, f"pages of 100 KB or more: {too_big}"


def test_not_found_page_is_small(client, db):
    response = client.get("/certifications/no-such-credential/")
    assert response.status_code == 404
    assert len(response.content) < MAX_HTML_BYTES
