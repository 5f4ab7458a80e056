"""Every public page answers 200 with content and 404 for unknown or draft records."""

import pytest
from django.urls import reverse

from tests.factories import (
    CareerTopicFactory,
    CertificationFactory,
    EducationStepFactory,
    OutlookFigureFactory,
    SkillFactory,
    build_path,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    exam = CertificationFactory(code="CPC", slug="cpc", name="Certified Professional Coder", entry_level=True)
    step = EducationStepFactory(name="Certificate program", slug="certificate-program")
    step.prepares_for.add(exam)
    skill = SkillFactory(name="Attention to detail", slug="attention-to-detail")
    skill.certifications.add(exam)
    path = build_path(step, exam, name="Medical coder path", slug="medical-coder")
    OutlookFigureFactory(label="Median pay", value=44090)
    CareerTopicFactory(title="Job security")
    return {"certification": exam, "education": step, "skill": skill, "path": path}


@pytest.mark.parametrize(
    "url, expected",
    [
        ("/", "Medical coder path"),
        ("/paths/", "Medical coder path"),
        ("/paths/medical-coder/", "Certificate program"),
        ("/education/", "Certificate program"),
        ("/education/certificate-program/", "CPC"),
        ("/certifications/", "CPC"),
        ("/certifications/cpc/", "Certified Professional Coder"),
        ("/skills/", "Attention to detail"),
        ("/skills/attention-to-detail/", "CPC"),
        ("/careers/", "44,090"),
    ],
)
def test_public_page_renders_its_records(client, content, url, expected):
    response = client.get(url)
    assert response.status_code == 200
    assert expected in response.content.decode()


@pytest.mark.parametrize("url", ["/paths/nope/", "/education/nope/", "/certifications/nope/", "/skills/nope/"])
def test_unknown_slug_gives_the_site_404(client, db, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


@pytest.mark.parametrize("factory", [CertificationFactory, SkillFactory, EducationStepFactory])
def test_draft_is_404_for_visitors(client, factory):
    record = factory(status="draft")
    assert client.get(record.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("url", ["/", "/paths/", "/education/", "/certifications/", "/skills/", "/careers/"])
def test_empty_database_shows_friendly_pages(client, db, url):
    response = client.get(url)
    assert response.status_code == 200


def test_detail_pages_show_last_reviewed_and_sources(client, content):
    page = client.get("/certifications/cpc/").content.decode()
    assert "Last reviewed" in page
    assert content["certification"].price_source.url in page


def test_unconfirmed_price_is_not_shown_as_fact(client, db):
    CertificationFactory(slug="x1", code="X1", price_usd=987, price_confirmation="unconfirmed")
    page = client.get("/certifications/x1/").content.decode()
    assert "987" not in page
    assert "Not confirmed yet" in page


def test_certification_filters_narrow_the_list(client, db):
    CertificationFactory(code="BILL1", focus="billing")
    CertificationFactory(code="CODE1", focus="coding")
    page = client.get("/certifications/?focus=billing").content.decode()
    assert "BILL1" in page and "CODE1" not in page


def test_unknown_filter_values_are_cleared_not_errors(client, db):
    CertificationFactory(code="CODE1")
    response = client.get("/certifications/?focus=xyz&body=nobody&code_set=%3Cscript%3E")
    assert response.status_code == 200
    page = response.content.decode()
    assert "CODE1" in page
    assert "have been cleared" in page


def test_billing_filter_includes_credentials_covering_both(client, db):
    CertificationFactory(code="BOTH1", focus="both")
    CertificationFactory(code="CODE1", focus="coding")
    page = client.get("/certifications/?focus=billing").content.decode()
    assert "BOTH1" in page and "CODE1" not in page


def test_entry_level_checkbox_keeps_only_entry_level(client, db):
    CertificationFactory(code="ENTRY1", entry_level=True)
    CertificationFactory(code="SENIOR1", entry_level=False)
    page = client.get("/certifications/?entry_level=on").content.decode()
    assert "ENTRY1" in page and "SENIOR1" not in page


def test_home_links_to_every_published_path(client, content):
    assert reverse("qualifications:path-detail", kwargs={"slug": "medical-coder"}) in client.get("/").content.decode()
