import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from certifications.models import Certification
from publishing.models import Confirmation
from tests.factories import CertificationFactory, CertifyingBodyFactory, SourceFactory

pytestmark = pytest.mark.django_db


def errors_of(record):
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    return caught.value.message_dict


def test_valid_certification_passes_validation():
    CertificationFactory().full_clean()


def test_price_without_source_is_an_error_on_the_source_field():
    cert = CertificationFactory.build(
        body=CertifyingBodyFactory(), price_source=None, exam_source=SourceFactory(), renewal_source=SourceFactory()
    )
    assert "price_source" in errors_of(cert)


def test_price_without_as_of_date_or_wording_is_an_error():
    cert = CertificationFactory()
    cert.price_as_of = None
    cert.price_as_of_label = ""
    assert "price_as_of" in errors_of(cert)


def test_undated_source_page_is_accepted_when_the_wording_says_so():
    cert = CertificationFactory()
    cert.price_as_of = None
    cert.price_as_of_label = "undated page"
    cert.full_clean()


def test_no_price_needs_no_source():
    cert = CertificationFactory(price_usd=None, price_source=None, price_as_of=None)
    cert.full_clean()


def test_duplicate_code_ignoring_case_is_an_error():
    CertificationFactory(code="CPC", slug="cpc")
    duplicate = CertificationFactory.build(code="cpc", slug="cpc-2", body=CertifyingBodyFactory())
    errors = errors_of(duplicate)
    assert any("already exists" in message for message in errors["__all__"])


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/x", "example.org"])
def test_official_url_must_be_http_or_https(url):
    cert = CertificationFactory()
    cert.official_url = url
    assert "official_url" in errors_of(cert)


def test_apprentice_rules_need_a_designation():
    cert = CertificationFactory(apprentice_rules="Two years of experience.")
    assert "apprentice_designation" in errors_of(cert)


def test_unconfirmed_figure_is_listed_for_editors():
    cert = CertificationFactory(price_confirmation=Confirmation.UNCONFIRMED, price_editor_note="Sources disagree")
    assert [name for name, _citation in cert.unconfirmed_figures()] == ["price"]


def test_citation_is_possibly_outdated_after_two_years():
    cert = CertificationFactory(price_as_of=datetime.date.today() - datetime.timedelta(days=3 * 365))
    assert cert.price_citation.is_possibly_outdated
    cert.price_as_of = datetime.date.today() - datetime.timedelta(days=200)
    assert not cert.price_citation.is_possibly_outdated


@pytest.mark.parametrize(
    "kind, years_old, outdated",
    [("price", 1, False), ("price", 3, True), ("exam", 2, False), ("exam", 4, True), ("renewal", 4, True)],
)
def test_one_staleness_rule_by_kind_of_figure(settings, kind, years_old, outdated):
    settings.FIGURE_OUTDATED_AFTER_YEARS = {"price": 2, "exam": 3, "default": 3}
    cert = CertificationFactory(**{f"{kind}_as_of": datetime.date.today() - datetime.timedelta(days=years_old * 366)})
    assert getattr(cert, f"{kind}_citation").is_possibly_outdated is outdated


def test_an_undated_figure_is_dated_by_when_its_page_was_read(settings):
    settings.FIGURE_OUTDATED_AFTER_YEARS = {"default": 2}
    cert = CertificationFactory(price_as_of=None, price_as_of_label="undated page", last_reviewed=datetime.date.today())
    assert cert.price_citation.is_undated and cert.price_citation.read_on == datetime.date.today()
    assert not cert.price_citation.is_possibly_outdated
    cert.last_reviewed = datetime.date.today() - datetime.timedelta(days=3 * 366)
    assert cert.price_citation.is_possibly_outdated


@pytest.mark.parametrize("label", ["", "c. 2010", "2025–26 third-party pages"])
def test_a_figure_needs_an_as_of_date_unless_its_page_is_undated(label):
    cert = CertificationFactory(price_as_of=None, price_as_of_label=label)
    assert "price_as_of" in errors_of(cert)


def test_undated_page_wording_is_enough_without_a_date():
    cert = CertificationFactory(price_as_of=None, price_as_of_label="Undated page (current format)")
    cert.full_clean()


def test_public_last_reviewed_never_precedes_the_records_history():
    cert = CertificationFactory(last_reviewed=datetime.date.today() - datetime.timedelta(days=30))
    assert cert.reviewed_on == timezone.localdate(cert.created)
    cert.last_reviewed = datetime.date.today() + datetime.timedelta(days=1)
    assert cert.reviewed_on == cert.last_reviewed


def test_published_excludes_drafts_and_future_publication():
    published = CertificationFactory()
    CertificationFactory(status="draft")
    CertificationFactory(publish_from=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1))
    assert list(Certification.objects.published()) == [published]


# Official sources ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, copy",
    [
        ("https://cms-qa.ahima.org/certification-careers/certification-exams/rhit", True),
        ("http://cms-test.ahima.org/contact-us-faqs/faqs-recertification/", True),
        ("https://conference-test.ahima.org/certification-careers/certification-exams/cca", True),
        ("https://mbc-bv6.pages.dev/certifications/cpc", True),
        ("http://ahimaorg-558299850.us-east-1.elb.amazonaws.com/certification/CCS", True),
        ("https://www-devnav.aapc.com/certification/faq.aspx", True),
        ("http://54.236.219.153/certification/rhia", True),
        ("https://www.ahima.org/certification/cca.aspx", False),
        ("https://open-exam-prep.com/blog/cpc-exam-pass-rate-2026", False),
    ],
)
def test_staging_test_and_copy_hosts_are_recognised(url, copy):
    assert SourceFactory.build(url=url).is_copy is copy


def aapc_certification(**kwargs):
    return CertificationFactory(body=CertifyingBodyFactory(official_domains="aapc.com"), **kwargs)


def test_an_official_figure_must_cite_the_issuers_own_site():
    cert = aapc_certification(price_source=SourceFactory(url="https://open-exam-prep.com/cpc"))
    assert "price_confirmation" in errors_of(cert)
    cert.price_confirmation = Confirmation.SECONDARY
    assert "price_confirmation" not in errors_of(cert)


def test_a_subdomain_of_the_issuer_counts_as_its_own_site():
    cert = aapc_certification(
        exam_source=SourceFactory(url="https://www.aapc.com/resources/cpc-exam-faqs"),
        price_source=SourceFactory(url="https://aapc.com/price"),
        renewal_source=SourceFactory(url="https://www.aapc.com/renewal"),
    )
    cert.full_clean()


def test_an_official_figure_never_cites_a_staging_copy_of_the_issuers_site():
    body = CertifyingBodyFactory(official_domains="ahima.org")
    cert = CertificationFactory(
        body=body, renewal_source=SourceFactory(url="http://cms-test.ahima.org/contact-us-faqs/faqs-recertification/")
    )
    errors = errors_of(cert)
    assert "cms-test.ahima.org is a staging, test or copy host" in errors["renewal_confirmation"][0]


def test_official_domains_are_bare_domains():
    body = CertifyingBodyFactory(official_domains="https://aapc.com/ aapc.com")
    assert "official_domains" in errors_of(body)


def test_a_copy_is_shown_to_readers_as_a_copy(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    CertificationFactory(
        slug="copyx",
        exam_confirmation=Confirmation.SECONDARY,
        exam_source=SourceFactory(url="https://cms-qa.ahima.org/rhit", publisher="AHIMA"),
    )
    page = client.get("/certifications/copyx/").content.decode()
    assert "a copy of the page, not the issuer's own site" in page
    assert "(a copy on cms-qa.ahima.org, not the issuer's own site)" in page
