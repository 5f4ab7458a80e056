"""The content the browser and page-size tests look at, and the public URLs it gives.

The real starter content is used when `load_starter_content` exists: the pages
are then checked with the texts, badges and long lists visitors will see.
Until then a small but realistic set is built with the factories, including
the cases that change the markup (third-party and unconfirmed figures, a figure
that is possibly out of date, an apprentice designation, Markdown bodies).
"""

import datetime
from io import StringIO

from django.core.management import call_command, get_commands

from certifications.models import Certification
from publishing.models import Confirmation
from qualifications.models import EducationStep, QualificationPath, Skill
from tests.factories import (
    CareerTopicFactory,
    CertificationFactory,
    CertifyingBodyFactory,
    CodeSetFactory,
    EducationStepFactory,
    OutlookFigureFactory,
    SkillFactory,
    SourceFactory,
    build_path,
)

LIST_URLS = ["/", "/paths/", "/education/", "/certifications/", "/skills/", "/careers/"]


def load_public_content():
    """Fill the database with published content; return the URLs of every public page."""
    if "load_starter_content" in get_commands():
        call_command("load_starter_content", stdout=StringIO())
    else:
        _build_content()
    return public_urls()


def public_urls():
    """Every list page, then every published detail page."""
    details = [
        record.get_absolute_url()
        for model in (QualificationPath, EducationStep, Certification, Skill)
        for record in model.objects.published()
    ]
    return LIST_URLS + details


def detail_urls(model):
    return [record.get_absolute_url() for record in model.objects.published()]


def _build_content():
    aapc = CertifyingBodyFactory(
        abbreviation="AAPC",
        slug="aapc",
        name="American Academy of Professional Coders",
        official_url="https://www.aapc.com/",
    )
    ahima = CertifyingBodyFactory(
        abbreviation="AHIMA",
        slug="ahima",
        name="American Health Information Management Association",
        official_url="https://www.ahima.org/",
    )
    cpt = CodeSetFactory(
        name="CPT", slug="cpt", full_name="Current Procedural Terminology", maintainer="AMA", position=1
    )
    icd = CodeSetFactory(name="ICD-10-CM", slug="icd-10-cm", maintainer="NCHS (CDC)", position=2)
    hcpcs = CodeSetFactory(name="HCPCS Level II", slug="hcpcs-level-ii", maintainer="CMS", position=3)

    cpb = CertificationFactory(
        code="CPB",
        slug="cpb",
        name="Certified Professional Biller",
        body=aapc,
        focus="billing",
        entry_level=True,
        summary="The billing credential of the AAPC: claims, payers, denials and collections.",
        price_usd=499,
        price_detail="includes one retake",
        price_confirmation=Confirmation.SECONDARY,
        renewal_as_of=datetime.date(2019, 1, 1),  # shows the "possibly out of date" badge
        apprentice_designation="CPB-A",
        apprentice_rules="Two years of experience, or one year plus 80 hours of coursework.",
        description="## Who it suits\n\nPeople who like **follow-up** and talking to insurers. "
        "See the [official handbook](https://www.aapc.com/).",
    )
    cpc = CertificationFactory(
        code="CPC",
        slug="cpc",
        name="Certified Professional Coder",
        body=aapc,
        focus="coding",
        entry_level=True,
        summary="The most widely held outpatient coding credential in the United States.",
        exam_open_book=True,
        exam_delivery="Online with a remote proctor, or in person at a testing centre",
        exam_passing="70%",
        membership_required=True,
        apprentice_designation="CPC-A",
    )
    cca = CertificationFactory(
        code="CCA",
        slug="cca",
        name="Certified Coding Associate",
        body=ahima,
        focus="coding",
        entry_level=True,
        summary="AHIMA's entry-level coding credential for hospital and physician settings.",
        price_usd=299,
        price_confirmation=Confirmation.UNCONFIRMED,
        price_editor_note="Two AHIMA pages disagree.",
    )
    ccs = CertificationFactory(
        code="CCS",
        slug="ccs",
        name="Certified Coding Specialist",
        body=ahima,
        focus="coding",
        summary="Hospital inpatient and outpatient coding for experienced coders.",
        exam_questions=None,
        exam_minutes=None,
        exam_source=None,
        exam_as_of=None,
        price_usd=None,
        price_source=None,
        price_as_of=None,
        renewal_ceus=None,
        renewal_source=None,
        renewal_as_of=None,
        recommended_experience="Two years of coding experience.",
        min_education=10,
    )
    for cert, code_sets in ((cpb, [cpt, icd, hcpcs]), (cpc, [cpt, icd, hcpcs]), (cca, [cpt, icd]), (ccs, [icd])):
        cert.code_sets.set(code_sets)
        cert.sources.add(SourceFactory(publisher=cert.body.abbreviation))
    CertificationFactory(code="DRAFT1", slug="draft1", body=ahima, status="draft")

    diploma = EducationStepFactory(
        name="High school diploma or GED",
        slug="high-school",
        summary="The starting point employers and certifying bodies expect.",
        duration_min_months=None,
        duration_max_months=None,
        duration_source=None,
        duration_as_of=None,
        cost_min_usd=None,
        cost_max_usd=None,
        cost_source=None,
        cost_as_of=None,
        employer_expectation="required",
        awards_level=10,
        position=1,
    )
    certificate = EducationStepFactory(
        name="Medical billing and coding certificate program",
        slug="certificate-program",
        summary="A focused program of four to eighteen months at a community college or online school.",
        covers="Medical terminology\nAnatomy and physiology\nCPT, ICD-10-CM and HCPCS coding\nClaims and payers",
        employer_expectation="preferred",
        requires_level=10,
        position=2,
    )
    certificate.prepares_for.set([cpb, cpc, cca])
    associate = EducationStepFactory(
        name="Associate degree in health information technology",
        slug="associate-degree",
        summary="Two years at a community college; opens the door to hospital coding and to the RHIT.",
        duration_min_months=24,
        duration_max_months=24,
        cost_min_usd=7000,
        cost_max_usd=20000,
        cost_confirmation=Confirmation.UNCONFIRMED,
        requires_level=10,
        awards_level=30,
        position=3,
        description="Accredited programs are listed by CAHIIM.",
    )
    associate.prepares_for.set([cca, ccs])

    for name, category, certs in (
        ("Attention to detail", "personal", [cpb, cpc, cca]),
        ("Medical terminology", "technical", [cpc, cca, ccs]),
        ("Reading payer rules", "analytical", [cpb]),
        ("Explaining a bill", "communication", [cpb]),
    ):
        skill = SkillFactory(
            name=name,
            slug=name.lower().replace(" ", "-"),
            category=category,
            summary=f"{name} is used every day in billing and coding.",
            on_the_job="Checking each claim line against the chart before it goes out.",
            how_to_build="Practise with real de-identified charts and compare with an answer key.",
        )
        skill.certifications.set(certs)

    build_path(
        diploma,
        certificate,
        cpc,
        name="Certificate program to CPC",
        slug="certificate-to-cpc",
        role="Medical coder (physician office)",
        summary="The shortest common route into outpatient coding.",
        position=1,
    )
    build_path(
        diploma,
        certificate,
        cpb,
        name="Certificate program to CPB",
        slug="certificate-to-cpb",
        role="Medical biller",
        summary="A route for people who like the money side: claims, denials and payment plans.",
        position=2,
    )
    build_path(
        diploma,
        associate,
        cca,
        name="Associate degree to CCA",
        slug="associate-to-cca",
        role="Coding associate (hospital)",
        summary="A longer route with a degree that hospitals often prefer.",
        position=3,
    )

    OutlookFigureFactory(label="Median yearly pay", slug="median-pay", value=44090)
    OutlookFigureFactory(kind="growth", label="Projected growth", slug="growth", value=8, period="2019–29", position=2)
    OutlookFigureFactory(
        kind="jobs",
        label="Jobs",
        slug="jobs",
        value=341600,
        period="2019",
        position=3,
        figure_confirmation=Confirmation.UNCONFIRMED,
        figure_editor_note="Check the 2019 count.",
    )
    CareerTopicFactory(title="Job security", slug="job-security", summary="Every visit needs a code and a claim.")
    CareerTopicFactory(
        kind="tip",
        title="Join a local chapter",
        slug="local-chapter",
        summary="Meet working coders.",
        description="Chapters meet monthly; many offer **free** CEUs.",
    )
