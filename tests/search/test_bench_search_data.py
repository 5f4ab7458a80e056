"""The benchmark's generator of extra search records (bench/search_data.py)."""

import pytest

from bench.search_data import SLUG_PREFIX, generate_search_records, measure_search, remove_search_records
from careerportal.search.registry import SEARCHABLE_TYPES
from careerportal.search.services import search
from certifications.models import Certification, CertifyingBody
from tests.factories import CertificationFactory

pytestmark = pytest.mark.django_db


def test_records_are_spread_over_every_searchable_type():
    created = generate_search_records(19)
    assert sorted(created) == sorted(searchable.key for searchable in SEARCHABLE_TYPES)
    assert sum(created.values()) == 19
    assert max(created.values()) - min(created.values()) <= 1


def test_generated_records_are_published_and_found():
    generate_search_records(2 * len(SEARCHABLE_TYPES))
    for searchable in SEARCHABLE_TYPES:
        records = searchable.model.objects.filter(slug__startswith=SLUG_PREFIX)
        assert records.count() == 2
        assert records.published().count() == 2
    assert sum(len(group.hits) for group in search("medical")) > 0


def test_generating_twice_adds_more_without_clashing():
    generate_search_records(8)
    generate_search_records(8, seed=1)
    assert sum(remove_search_records().values()) == 16


def test_remove_leaves_other_records_alone():
    kept = CertificationFactory(slug="cpc")
    generate_search_records(8)
    remove_search_records()
    for searchable in SEARCHABLE_TYPES:
        assert not searchable.model.objects.filter(slug__startswith=SLUG_PREFIX).exists()
    assert Certification.objects.get() == kept
    assert CertifyingBody.objects.get() == kept.body


def test_measure_times_the_search_page():
    generate_search_records(8)
    timing = measure_search(["medical coder"], runs=2, warmup=0)["medical coder"]
    assert 0 < timing["min_ms"] <= timing["median_ms"] <= timing["max_ms"]
