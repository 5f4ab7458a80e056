import re

import pytest
from django.urls import reverse

from careerportal.search.registry import SEARCHABLE_TYPES
from tests.factories import CertificationFactory, QualificationPathFactory, SkillFactory

pytestmark = pytest.mark.django_db

SEARCH_URL = "/search/"


def page_of(client, **params):
    response = client.get(SEARCH_URL, params)
    assert response.status_code == 200
    return response.content.decode()


def test_search_has_its_address():
    assert reverse("search:results") == SEARCH_URL


def test_results_are_grouped_by_type_each_hit_with_its_url(client):
    certification = CertificationFactory(code="GRB", name="Certified Grebe Coder")
    skill = SkillFactory(name="Grebe counting", slug="grebe-counting")
    page = page_of(client, q="grebe")
    assert '<h2 id="group-certifications"' in page and '<h2 id="group-skills"' in page
    assert f'href="{certification.get_absolute_url()}"' in page
    assert f'href="{skill.get_absolute_url()}"' in page
    assert f"{skill.get_absolute_url()}</p>" in page  # the address is shown, not only linked


def test_drafts_are_not_on_the_results_page(client):
    CertificationFactory(code="PUB1", name="Certified Plover Coder")
    CertificationFactory(code="DRAFT1", name="Certified Plover Biller", status="draft")
    page = page_of(client, q="plover")
    assert "PUB1" in page
    assert "DRAFT1" not in page


def test_empty_query_shows_suggested_pages_and_the_path_finder(client):
    QualificationPathFactory(name="Suggested path")
    page = page_of(client, q="")
    assert "Suggested pages" in page
    assert "Suggested path" in page
    assert f'href="{reverse("qualifications:path-finder")}"' in page
    assert "Nothing matched" not in page


def test_no_results_says_so_and_offers_suggestions_and_the_path_finder(client):
    QualificationPathFactory(name="Suggested path")
    page = page_of(client, q="qqqxxzzz")
    assert "Nothing matched “qqqxxzzz”" in page
    assert "Suggested path" in page
    assert f'href="{reverse("qualifications:path-finder")}"' in page


def test_the_query_stays_in_the_box_and_in_the_more_link(client):
    for number in range(7):
        SkillFactory(name=f"Curlew skill {number}")
    page = page_of(client, q="curlew")
    assert re.search(r'<input[^>]*name="q"[^>]*value="curlew"', page)
    assert "/search/?q=curlew&amp;type=skills" in page


def test_type_shows_more_of_one_group_only(client):
    for number in range(7):
        SkillFactory(name=f"Dunlin skill {number}")
    CertificationFactory(name="Certified Dunlin Coder")
    page = page_of(client, q="dunlin", type="skills")
    assert page.count('class="search-hit') == 7
    assert "Certified Dunlin Coder" not in page
    assert "Show results of every kind" in page


def test_unknown_type_is_ignored(client):
    CertificationFactory(name="Certified Dotterel Coder")
    assert "Certified Dotterel Coder" in page_of(client, q="dotterel", type="nonsense")


def test_query_is_escaped_everywhere(client):
    page = page_of(client, q='<script>alert("x")</script>')
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


def test_long_query_is_shortened_with_a_message(client):
    page = page_of(client, q="coder " * 2000)
    assert "only its first 200 characters were used" in page


def test_header_search_box_is_on_every_page(client):
    CertificationFactory(slug="cpc", code="CPC")
    for url in ["/", "/certifications/", "/certifications/cpc/", "/paths/", SEARCH_URL]:
        page = client.get(url).content.decode()
        form = re.search(r'<form class="header-search[^>]*>.*?</form>', page, re.DOTALL).group(0)
        assert 'role="search"' in form and 'method="get"' in form and f'action="{SEARCH_URL}"' in form
        assert '<label class="visually-hidden" for="header-search-q">' in form
        assert re.search(r'<input[^>]*id="header-search-q"[^>]*name="q"', form)


def test_header_box_repeats_the_query_on_the_results_page(client):
    page = page_of(client, q="coder")
    assert re.search(r'id="header-search-q"[^>]*value="coder"', page)


def test_results_page_does_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    for number in range(6):
        CertificationFactory(name=f"Certified Sanderling Coder {number}")
        SkillFactory(name=f"Sanderling skill {number}")
    with django_assert_max_num_queries(len(SEARCHABLE_TYPES)):  # one per type, whatever the number of hits
        client.get(SEARCH_URL, {"q": "sanderling"})


def test_suggestions_page_does_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    QualificationPathFactory.create_batch(5)
    with django_assert_max_num_queries(2):  # paths, entry-level certifications
        client.get(SEARCH_URL)
