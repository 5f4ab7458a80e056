"""careerportal/sitemaps.py: /sitemap.xml lists every published page with lastmod."""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import (
    CareerTopicFactory,
    CertificationFactory,
    EducationStepFactory,
    OccupationFactory,
    OutlookFigureFactory,
    SkillFactory,
    build_path,
)

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE = "https://careers.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def content():
    cert = CertificationFactory(slug="cpc")
    step = EducationStepFactory(slug="certificate")
    build_path(step, cert, slug="coder")
    SkillFactory(slug="detail")
    OutlookFigureFactory(occupation__slug="coders")
    OccupationFactory(slug="draft-occupation", status="draft")
    CareerTopicFactory()
    CertificationFactory(slug="draft-cert", status="draft")
    SkillFactory(slug="draft-skill", status="draft")


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    return {url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS) for url in root}


def test_sitemap_lists_every_published_page_with_lastmod(client, content):
    entries = sitemap_entries(client)
    expected = {
        "/",
        "/paths/",
        "/education/",
        "/certifications/",
        "/skills/",
        "/careers/",
        "/plan/",
        "/certifications/cpc/",
        "/education/certificate/",
        "/paths/coder/",
        "/skills/detail/",
        "/careers/coders/",
    }
    assert set(entries) == {SITE + path for path in expected} | {f"{SITE}/es{path}" for path in expected}
    assert all(entries.values()), "every URL has a lastmod"


XHTML = "{http://www.w3.org/1999/xhtml}link"


def test_each_address_lists_its_language_alternates_and_x_default(client, content):
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own response
    alternates = {
        url.findtext("sm:loc", namespaces=NS): {link.get("hreflang"): link.get("href") for link in url.iter(XHTML)}
        for url in root
    }
    for path in ["/", "/certifications/cpc/", "/plan/"]:
        expected = {"en": SITE + path, "es": f"{SITE}/es{path}", "x-default": SITE + path}
        assert alternates[SITE + path] == expected
        assert alternates[f"{SITE}/es{path}"] == expected


def test_sitemap_leaves_drafts_out(client, content):
    assert not any("draft" in loc for loc in sitemap_entries(client))


def test_every_sitemap_url_answers_200(client, content):
    for loc in sitemap_entries(client):
        assert client.get(loc.removeprefix(SITE)).status_code == 200, loc


def test_sitemap_is_valid_and_empty_of_records_without_content(client, db):
    entries = sitemap_entries(client)
    assert SITE + "/" in entries


def test_sitemap_costs_a_fixed_number_of_queries(client, content, django_assert_max_num_queries):
    for _ in range(10):
        CertificationFactory()
    # the Site row, one lastmod per listed model (7), a count and a page per record sitemap (5 x 2)
    with django_assert_max_num_queries(18):
        client.get("/sitemap.xml")
