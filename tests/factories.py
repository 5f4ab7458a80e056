"""Test data. Published by default; pass status="draft" for drafts."""

import datetime

import factory
from django.contrib.auth import get_user_model

from certifications.models import Certification, CertifyingBody, CodeSet, Focus, Requirement, RequirementKind
from publishing.models import Confirmation, PublicationStatus, Source
from qualifications.models import (
    CareerTopic,
    EducationStep,
    ExamCost,
    Occupation,
    OutlookFigure,
    PathStep,
    QualificationPath,
    Skill,
)


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("a-long-test-password")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True


class SourceFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Source page {n}")
    url = factory.Sequence(lambda n: f"https://example.org/source/{n}")
    publisher = "Example"

    class Meta:
        model = Source


class PublishedFactory(factory.django.DjangoModelFactory):
    status = PublicationStatus.PUBLISHED
    last_reviewed = factory.LazyFunction(datetime.date.today)

    class Meta:
        abstract = True


class CertifyingBodyFactory(PublishedFactory):
    abbreviation = factory.Sequence(lambda n: f"B{n}")
    slug = factory.LazyAttribute(lambda body: body.abbreviation.lower())
    name = factory.LazyAttribute(lambda body: f"Body {body.abbreviation}")
    official_url = factory.LazyAttribute(lambda body: f"https://{body.slug}.example.org/")

    class Meta:
        model = CertifyingBody


class CodeSetFactory(PublishedFactory):
    name = factory.Sequence(lambda n: f"CODESET-{n}")
    slug = factory.LazyAttribute(lambda code_set: code_set.name.lower())
    maintainer = "CMS"
    codes_what = "Procedures."
    update_cadence = "Every 1 January."

    class Meta:
        model = CodeSet


class CertificationFactory(PublishedFactory):
    code = factory.Sequence(lambda n: f"C{n}")
    slug = factory.LazyAttribute(lambda cert: cert.code.lower())
    name = factory.LazyAttribute(lambda cert: f"Certified {cert.code}")
    body = factory.SubFactory(CertifyingBodyFactory)
    focus = Focus.CODING
    summary = "A credential."
    official_url = "https://example.org/credential"
    exam_questions = 100
    exam_minutes = 240
    exam_source = factory.SubFactory(SourceFactory)
    exam_as_of = datetime.date(2025, 1, 1)
    exam_confirmation = Confirmation.OFFICIAL
    price_usd = 300
    price_source = factory.SubFactory(SourceFactory)
    price_as_of = datetime.date(2025, 1, 1)
    price_confirmation = Confirmation.OFFICIAL
    renewal_ceus = 36
    renewal_cycle_years = 2
    renewal_source = factory.SubFactory(SourceFactory)
    renewal_as_of = datetime.date(2025, 1, 1)
    renewal_confirmation = Confirmation.OFFICIAL

    class Meta:
        model = Certification
        skip_postgeneration_save = True

    @factory.post_generation
    def membership_required(obj, create, extracted, **kwargs):
        """`membership_required=True` adds a sourced requirement of membership of the body."""
        if extracted:
            RequirementFactory(certification=obj, kind=RequirementKind.MEMBERSHIP)


class RequirementFactory(factory.django.DjangoModelFactory):
    """A sourced, official eligibility requirement (a high school diploma unless told otherwise)."""

    certification = factory.SubFactory(CertificationFactory)
    kind = RequirementKind.EDUCATION
    education_level = factory.LazyAttribute(lambda r: 10 if r.kind == RequirementKind.EDUCATION else None)
    rule_source = factory.SubFactory(SourceFactory)
    rule_as_of = datetime.date(2025, 1, 1)
    rule_confirmation = Confirmation.OFFICIAL

    class Meta:
        model = Requirement


class EducationStepFactory(PublishedFactory):
    name = factory.Sequence(lambda n: f"Education step {n}")
    slug = factory.Sequence(lambda n: f"education-step-{n}")
    summary = "A step."
    duration_min_months = 10
    duration_max_months = 18
    duration_source = factory.SubFactory(SourceFactory)
    duration_as_of = datetime.date(2024, 1, 1)
    duration_confirmation = Confirmation.SECONDARY
    cost_min_usd = 1000
    cost_max_usd = 3000
    cost_source = factory.SubFactory(SourceFactory)
    cost_as_of = datetime.date(2024, 1, 1)
    cost_confirmation = Confirmation.SECONDARY

    class Meta:
        model = EducationStep


class ExamCostFactory(PublishedFactory):
    certification = factory.SubFactory(CertificationFactory)
    slug = factory.Sequence(lambda n: f"exam-cost-{n}")
    fee_low_usd = 199
    fee_high_usd = 299
    fee_spread = "members $199, others $299"
    fee_source = factory.SubFactory(SourceFactory)
    fee_as_of = datetime.date(2026, 5, 1)
    fee_confirmation = Confirmation.SECONDARY

    class Meta:
        model = ExamCost


class QualificationPathFactory(PublishedFactory):
    name = factory.Sequence(lambda n: f"Path {n}")
    slug = factory.Sequence(lambda n: f"path-{n}")
    role = "Medical coder"
    summary = "A path."

    class Meta:
        model = QualificationPath


class PathStepFactory(factory.django.DjangoModelFactory):
    path = factory.SubFactory(QualificationPathFactory)
    position = factory.Sequence(lambda n: n + 1)
    education_step = factory.SubFactory(EducationStepFactory)
    certification = None

    class Meta:
        model = PathStep


class SkillFactory(PublishedFactory):
    name = factory.Sequence(lambda n: f"Skill {n}")
    slug = factory.Sequence(lambda n: f"skill-{n}")
    category = "technical"
    summary = "A skill."
    on_the_job = "Used daily."
    how_to_build = "Practice."

    class Meta:
        model = Skill


class OccupationFactory(PublishedFactory):
    name = factory.Sequence(lambda n: f"Occupation {n}")
    slug = factory.Sequence(lambda n: f"occupation-{n}")
    soc_code = "29-2072"
    onet_code = "29-2072.00"
    summary = "Compile, process and maintain patient records."
    tasks = "Abstract and code patient data.\nEnter clinical data into computers."
    work_settings = "Many hours at a computer."
    entry_education = "Postsecondary nondegree award"
    sample_titles = "Coder\nMedical Records Clerk"

    class Meta:
        model = Occupation


class OutlookFigureFactory(PublishedFactory):
    kind = OutlookFigure.Kind.MEDIAN_PAY
    label = "Median pay"
    slug = factory.Sequence(lambda n: f"figure-{n}")
    occupation = factory.SubFactory(OccupationFactory)
    group = "Medical records specialists"
    soc_code = "29-2072"
    value = 44090
    period = "May 2020"
    figure_source = factory.SubFactory(SourceFactory)
    figure_as_of = datetime.date(2020, 5, 1)
    figure_as_of_label = "May 2020"
    figure_confirmation = Confirmation.OFFICIAL

    class Meta:
        model = OutlookFigure


class CareerTopicFactory(PublishedFactory):
    kind = CareerTopic.Kind.BENEFIT
    title = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    summary = "A benefit."

    class Meta:
        model = CareerTopic


def build_path(*targets, **path_fields):
    """A path whose steps are the given education steps and certifications, in order."""
    path = QualificationPathFactory(**path_fields)
    for position, target in enumerate(targets, start=1):
        field = "certification" if isinstance(target, Certification) else "education_step"
        PathStepFactory(path=path, position=position, **{"education_step": None, field: target})
    return path
