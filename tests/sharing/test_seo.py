"""publishing/seo.py and its builders: canonical, Open Graph, Twitter and JSON-LD on every page type."""

import datetime
import json

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

from .helpers import nodes_of_type, read_head

pytestmark = pytest.mark.django_db

SITE = "https://careers.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    # Different from the test client's host: every absolute address must come from SITE_URL.
    settings.SITE_URL = SITE


@pytest.fixture
def content():
    cert = CertificationFactory(code="CPC", slug="cpc", name="Certified Professional Coder", summary="Codes visits.")
    other = CertificationFactory(code="CPB", slug="cpb")
    step = EducationStepFactory(name="Certificate program", slug="certificate-program", summary="Ten months.")
    step.prepares_for.add(cert)
    skill = SkillFactory(name="Attention to detail", slug="attention-to-detail", summary="Details matter.")
    path = build_path(step, cert, name="Coder path", slug="coder-path", summary="The usual route.")
    occupation = OccupationFactory(name="Medical records specialists", slug="medical-records-specialists")
    occupation.certifications.add(cert)
    for kind, value in [("p10_pay", 35780), ("median_pay", 46660), ("p25_pay", 39620), ("p90_pay", 80950)]:
        OutlookFigureFactory(
            occupation=occupation,
            kind=kind,
            value=value,
            soc_code="29-2072",
            figure_as_of=datetime.date(2025, 5, 1),
            figure_as_of_label="May 2025",
        )
    CareerTopicFactory(title="Job security")
    return {"cert": cert, "other": other, "step": step, "skill": skill, "path": path, "occupation": occupation}


PAGES = [
    ("/", "/"),
    ("/paths/", "/paths/"),
    ("/paths/coder-path/", "/paths/coder-path/"),
    ("/education/", "/education/"),
    ("/education/certificate-program/", "/education/certificate-program/"),
    ("/certifications/", "/certifications/"),
    ("/certifications/?focus=coding&body=nobody", "/certifications/"),
    ("/certifications/cpc/", "/certifications/cpc/"),
    ("/certifications/compare/?c=CPC&c=cpb", "/certifications/compare/?c=cpc&c=cpb"),
    ("/skills/", "/skills/"),
    ("/skills/attention-to-detail/", "/skills/attention-to-detail/"),
    ("/careers/", "/careers/"),
    ("/careers/medical-records-specialists/", "/careers/medical-records-specialists/"),
]


@pytest.mark.parametrize("url, canonical_path", PAGES)
def test_every_page_has_absolute_canonical_open_graph_and_twitter_tags(client, content, url, canonical_path):
    head = read_head(client.get(url).content.decode())
    canonical = SITE + canonical_path

    assert head.links["canonical"] == canonical
    assert head.meta["og:url"] == canonical
    assert head.meta["og:title"] and head.meta["og:description"]
    assert head.meta["og:type"] in {"website", "article"}
    assert head.meta["og:site_name"] == "Medical Billing & Coding Career Map"
    assert head.meta["twitter:card"] == "summary_large_image"  # with the page's card: tests/sharing/test_cards.py
    assert head.meta["twitter:title"] == head.meta["og:title"]
    assert head.meta["twitter:description"] == head.meta["description"] == head.meta["og:description"]
    assert head.title.endswith("Medical Billing & Coding Career Map")


@pytest.mark.parametrize("url, canonical_path", PAGES)
def test_every_page_has_a_breadcrumb_list_ending_at_its_canonical_address(client, content, url, canonical_path):
    head = read_head(client.get(url).content.decode())
    [breadcrumbs] = nodes_of_type(head, "BreadcrumbList")
    items = breadcrumbs["itemListElement"]
    assert items[0]["item"] == SITE + "/"
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    assert items[-1]["item"] == SITE + canonical_path


@pytest.mark.parametrize(
    "url, title, description",
    [
        ("/certifications/cpc/", "CPC (Certified Professional Coder)", "Codes visits."),
        ("/education/certificate-program/", "Certificate program", "Ten months."),
        ("/skills/attention-to-detail/", "Attention to detail", "Details matter."),
        ("/paths/coder-path/", "Coder path", "The usual route."),
    ],
)
def test_detail_pages_take_title_and_description_from_the_record(client, content, url, title, description):
    head = read_head(client.get(url).content.decode())
    assert head.title == f"{title} · Medical Billing & Coding Career Map"
    assert head.meta["og:title"] == title
    assert head.meta["description"] == description
    assert head.meta["og:type"] == "article"


def test_certification_is_an_educational_occupational_credential(client, content):
    head = read_head(client.get("/certifications/cpc/").content.decode())
    [credential] = nodes_of_type(head, "EducationalOccupationalCredential")
    body = content["cert"].body
    assert credential["name"] == "Certified Professional Coder"
    assert credential["credentialCategory"] == "certification"
    assert credential["url"] == SITE + "/certifications/cpc/"
    assert credential["recognizedBy"] == {
        "@type": "Organization",
        "name": body.name,
        "alternateName": body.abbreviation,
        "url": body.official_url,
    }
    assert credential["offers"]["price"] == 300
    assert credential["offers"]["validFrom"] == "2025-01-01"


def test_education_step_is_an_educational_occupational_program(client, content):
    head = read_head(client.get("/education/certificate-program/").content.decode())
    [program] = nodes_of_type(head, "EducationalOccupationalProgram")
    assert program["name"] == "Certificate program"
    assert program["url"] == SITE + "/education/certificate-program/"
    assert program["timeToComplete"] == "P10M"
    assert [c["alternateName"] for c in program["occupationalCredentialAwarded"]] == ["CPC"]


def test_credentials_named_on_other_pages_carry_category_body_and_the_id_of_their_full_node(client, content):
    """Regression: nested credentials lacked credentialCategory and recognizedBy and had no @id."""
    [full] = nodes_of_type(
        read_head(client.get("/certifications/cpc/").content.decode()), "EducationalOccupationalCredential"
    )
    program_page = read_head(client.get("/education/certificate-program/").content.decode())
    [program] = nodes_of_type(program_page, "EducationalOccupationalProgram")
    [nested] = program["occupationalCredentialAwarded"]
    assert nested["@id"] == full["@id"] == SITE + "/certifications/cpc/#credential"
    assert nested["credentialCategory"] == "certification"
    assert nested["recognizedBy"] == full["recognizedBy"]


def test_path_is_an_item_list_of_its_steps_in_order(client, content):
    head = read_head(client.get("/paths/coder-path/").content.decode())
    [steps] = nodes_of_type(head, "ItemList")
    assert steps["name"] == "Coder path"
    assert steps["url"] == SITE + "/paths/coder-path/"
    assert steps["numberOfItems"] == 2
    assert [(item["position"], item["item"]["@type"], item["item"]["@id"]) for item in steps["itemListElement"]] == [
        (1, "EducationalOccupationalProgram", SITE + "/education/certificate-program/#program"),
        (2, "EducationalOccupationalCredential", SITE + "/certifications/cpc/#credential"),
    ]
    [program] = nodes_of_type(
        read_head(client.get("/education/certificate-program/").content.decode()), "EducationalOccupationalProgram"
    )
    assert program["@id"] == steps["itemListElement"][0]["item"]["@id"]


def test_skill_is_a_defined_term_of_the_site_s_skills(client, content):
    head = read_head(client.get("/skills/attention-to-detail/").content.decode())
    [term] = nodes_of_type(head, "DefinedTerm")
    assert (term["name"], term["description"]) == ("Attention to detail", "Details matter.")
    assert term["url"] == SITE + "/skills/attention-to-detail/"
    assert term["inDefinedTermSet"] == {"@type": "DefinedTermSet", "name": "Skills", "url": SITE + "/skills/"}


def test_occupation_profile_is_an_occupation_with_its_pay_distribution_and_reference_period(client, content):
    head = read_head(client.get("/careers/medical-records-specialists/").content.decode())
    [occupation] = nodes_of_type(head, "Occupation")
    assert occupation["@id"] == SITE + "/careers/medical-records-specialists/#occupation"
    assert occupation["occupationalCategory"]["codeValue"] == "29-2072"
    assert occupation["occupationLocation"] == {"@type": "Country", "name": "United States"}
    assert occupation["responsibilities"] == ["Abstract and code patient data.", "Enter clinical data into computers."]
    assert occupation["alternateName"] == ["Coder", "Medical Records Clerk"]
    [salary] = occupation["estimatedSalary"]
    assert salary["@type"] == "MonetaryAmountDistribution"
    assert (salary["percentile10"], salary["percentile25"], salary["median"], salary["percentile90"]) == (
        35780,
        39620,
        46660,
        80950,
    )
    assert "percentile75" not in salary
    assert salary["currency"] == "USD"
    assert salary["duration"] == "P1Y"
    assert salary["subjectOf"]["temporalCoverage"] == "2025-05-01"
    [credential] = occupation["qualifications"]
    # A credential nested here points at its full node on its own page.
    assert credential["@id"] == SITE + "/certifications/cpc/#credential"
    cert_page = read_head(client.get("/certifications/cpc/").content.decode())
    assert [node["@id"] for node in nodes_of_type(cert_page, "EducationalOccupationalCredential")] == [
        credential["@id"]
    ]


def test_possibly_outdated_figures_never_reach_json_ld(client, db, settings):
    settings.FIGURE_OUTDATED_AFTER_YEARS = {"price": 2, "figure": 2, "default": 3}
    old = datetime.date(2020, 5, 1)
    OutlookFigureFactory(value=88888, figure_as_of=old, occupation__slug="coders")
    CertificationFactory(slug="x2", price_usd=654, price_as_of=old)

    careers = read_head(client.get("/careers/coders/").content.decode())
    assert "88888" not in json.dumps(careers.json_ld)
    [credential] = nodes_of_type(
        read_head(client.get("/certifications/x2/").content.decode()), "EducationalOccupationalCredential"
    )
    assert "offers" not in credential


def test_careers_list_describes_no_occupation_of_its_own(client, content):
    head = read_head(client.get("/careers/").content.decode())
    assert nodes_of_type(head, "Occupation") == []


def test_unconfirmed_figures_never_reach_json_ld(client, db):
    OutlookFigureFactory(value=99999, figure_confirmation="unconfirmed", occupation__slug="coders")
    CertificationFactory(slug="x1", price_usd=987, price_confirmation="unconfirmed", renewal_confirmation="unconfirmed")
    EducationStepFactory(slug="e1", duration_confirmation="unconfirmed", cost_confirmation="unconfirmed")

    careers = read_head(client.get("/careers/coders/").content.decode())
    [occupation] = nodes_of_type(careers, "Occupation")
    assert "estimatedSalary" not in occupation
    assert "99999" not in json.dumps(careers.json_ld)
    [credential] = nodes_of_type(
        read_head(client.get("/certifications/x1/").content.decode()), "EducationalOccupationalCredential"
    )
    assert "offers" not in credential and "validFor" not in credential
    [program] = nodes_of_type(
        read_head(client.get("/education/e1/").content.decode()), "EducationalOccupationalProgram"
    )
    assert "offers" not in program and "timeToComplete" not in program


def test_draft_certifications_are_not_listed_in_json_ld(client, db):
    step = EducationStepFactory(slug="prep")
    step.prepares_for.add(CertificationFactory(code="SECRET", status="draft"))
    head = read_head(client.get("/education/prep/").content.decode())
    assert "SECRET" not in json.dumps(head.json_ld)


def test_json_ld_survives_script_end_tags_and_quotes_in_content(client, db):
    hostile = 'He said "hi" </script><script>alert(1)</script> & <!-- done'
    CertificationFactory(slug="hostile", name='The "best" </script>', summary=hostile)

    html = client.get("/certifications/hostile/").content.decode()
    head = read_head(html)

    [credential] = nodes_of_type(head, "EducationalOccupationalCredential")
    assert credential["description"] == hostile
    assert credential["name"] == 'The "best" </script>'
    json_ld_block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in json_ld_block and ">" not in json_ld_block
    assert "<script>alert(1)" not in html


def test_not_found_page_has_no_canonical_and_no_share_panel(client, db):
    response = client.get("/certifications/nope/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'rel="canonical"' not in html
    assert "application/ld+json" not in html
    assert "share-panel" not in html


def test_metadata_adds_no_queries_to_a_detail_page(client, content, django_assert_max_num_queries):
    # The detail view's own queries (record with body and sources, code sets, skills, steps,
    # sources, eligibility requirements, occupations with their figures, the shortest path and
    # its steps); SEO and share panel read only what it fetched.
    with django_assert_max_num_queries(14):
        response = client.get("/certifications/cpc/")
    assert response.status_code == 200
