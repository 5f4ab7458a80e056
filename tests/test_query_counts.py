"""No page's query count grows with the number of records.

Each page is rendered over a small generated data set and over one ten times
larger; the counts must be equal. The starter content gets the same check
against the small set's count."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    CareerTopicFactory,
    CertificationFactory,
    CodeSetFactory,
    EducationStepFactory,
    ExamCostFactory,
    OccupationFactory,
    OutlookFigureFactory,
    SkillFactory,
    SourceFactory,
    build_path,
)

pytestmark = pytest.mark.django_db

LIST_PAGES = [
    "/",
    "/paths/",
    "/education/",
    "/certifications/",
    "/certifications/?focus=coding",
    "/skills/",
    "/careers/",
]


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def generate(count):
    """`count` records of every type, richly linked, plus the pages to visit."""
    code_sets = [CodeSetFactory() for _ in range(3)]
    certifications = []
    for _ in range(count):
        cert = CertificationFactory(entry_level=True)
        cert.code_sets.set(code_sets)
        cert.sources.add(SourceFactory())
        ExamCostFactory(certification=cert)
        certifications.append(cert)
    steps = []
    for _ in range(count):
        step = EducationStepFactory()
        step.prepares_for.set(certifications[:5])
        step.sources.add(SourceFactory())
        steps.append(step)
    for skill in [SkillFactory() for _ in range(count)]:
        skill.certifications.set(certifications[:5])
    paths = [build_path(steps[i], steps[(i + 1) % count], certifications[i]) for i in range(count)]
    for _ in range(count):
        OutlookFigureFactory()
        CareerTopicFactory()
        CareerTopicFactory(kind="tip")
    skill = SkillFactory()
    skill.certifications.set(certifications)
    occupation = OccupationFactory()
    occupation.certifications.set(certifications)
    occupation.related_occupations.set([OccupationFactory() for _ in range(count)])
    for path in paths:
        path.occupations.add(occupation)
    for kind in ("median_pay", "p10_pay", "p90_pay", "growth"):
        for _ in range(count):
            OutlookFigureFactory(occupation=occupation, kind=kind).sources.add(SourceFactory())
    return LIST_PAGES + [
        f"/certifications/compare/?c={certifications[0].slug}&c={certifications[1].slug}",
        occupation.get_absolute_url(),
        certifications[0].get_absolute_url(),
        steps[0].get_absolute_url(),
        paths[0].get_absolute_url(),
        skill.get_absolute_url(),
    ]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_query_counts_do_not_grow_with_ten_times_the_records(client):
    small_pages = generate(3)
    small = {url: count_queries(client, url) for url in small_pages}
    big_pages = generate(27)  # 30 of each: ten times as many
    big = {url: count_queries(client, url) for url in big_pages[: len(LIST_PAGES)]}
    assert big == {url: small[url] for url in LIST_PAGES}
    details_small = [small[url] for url in small_pages[len(LIST_PAGES) :]]
    details_big = [count_queries(client, url) for url in big_pages[len(LIST_PAGES) :]]
    assert details_big == details_small


@pytest.mark.parametrize(
    "url, max_queries",
    [
        ("/", 8),
        ("/paths/", 8),
        ("/paths/medical-coder-certificate-cpc/", 10),
        ("/education/", 8),
        ("/education/certificate-program/", 10),
        ("/certifications/", 10),
        ("/certifications/cpc/", 15),
        ("/skills/", 6),
        ("/skills/attention-to-detail/", 8),
        ("/careers/", 10),
        ("/careers/medical-records-specialists/", 12),
    ],
)
def test_query_counts_with_the_starter_content(client, django_assert_max_num_queries, url, max_queries):
    call_command("load_starter_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with django_assert_max_num_queries(max_queries):
        assert client.get(url).status_code == 200
