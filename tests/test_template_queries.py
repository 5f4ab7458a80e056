"""Views decide, templates show: once a view has returned its context, rendering the page runs
no query. Every public page type is rendered over the starter content and the queries run while
its TemplateResponse renders are counted."""

import pytest
from django.db import connection
from django.template.response import SimpleTemplateResponse
from django.test.utils import CaptureQueriesContext

from careerportal.sharing.models import ShareLink
from tests.browser.content import load_public_content
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

QUERY_PAGES = [
    "/certifications/?focus=coding",
    "/certifications/cpc/?education=10&program=finished",
    "/certifications/compare/?c=cpc&c=cpb",
    "/plan/",
    "/plan/?education=10&interest=both&hours_per_week=10&budget_usd=3000&start_within_months=12",
    "/search/?q=billing",
    "/search/?q=zzzz",
]


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def queries_while_rendering(monkeypatch):
    """The SQL of every query run while a TemplateResponse renders, by template name."""
    seen = {}
    render = SimpleTemplateResponse.rendered_content.fget

    def rendered_content(response):
        with CaptureQueriesContext(connection) as queries:
            content = render(response)
        seen.setdefault(str(response.template_name), []).extend(query["sql"] for query in queries)
        return content

    monkeypatch.setattr(SimpleTemplateResponse, "rendered_content", property(rendered_content))
    return seen


def assert_renders_without_queries(client, url, seen):
    seen.clear()
    response = client.get(url)
    assert response.status_code == 200, url
    assert seen, f"{url} is not a TemplateResponse: the test would not see its rendering"
    assert {name: sql for name, sql in seen.items() if sql} == {}, url


def test_no_public_page_runs_a_query_while_its_template_renders(client, queries_while_rendering):
    urls = load_public_content()
    assert any(url.startswith("/careers/") and url != "/careers/" for url in urls), "occupation pages are covered"
    for url in urls + QUERY_PAGES:
        assert_renders_without_queries(client, url, queries_while_rendering)


def test_no_spanish_page_runs_a_query_while_its_template_renders(client, queries_while_rendering):
    """The same pages under /es/ (docs/languages.md): language links, hreflang alternates and
    translated texts are decided before rendering too."""
    for url in load_public_content() + QUERY_PAGES:
        assert_renders_without_queries(client, f"/es{url}", queries_while_rendering)


def test_a_page_opened_through_a_share_link_renders_without_queries(client, queries_while_rendering):
    load_public_content()
    link = ShareLink.objects.create(owner=UserFactory(), target="/certifications/cpc/", note="Start here")
    assert_renders_without_queries(client, f"/s/{link.code}/", queries_while_rendering)


def test_a_spanish_page_opened_through_a_share_link_renders_without_queries(client, queries_while_rendering):
    load_public_content()
    link = ShareLink.objects.create(owner=UserFactory(), target="/es/certifications/cpc/", note="Empieza aquí")
    assert_renders_without_queries(client, f"/s/{link.code}/", queries_while_rendering)
