import datetime

import pytest
from django.utils import timezone

from careerportal.models import ContentGeneration

pytestmark = pytest.mark.django_db


def test_state_gives_the_fields_python_types():
    moment = timezone.now().replace(microsecond=123456) + datetime.timedelta(days=3)
    ContentGeneration.objects.update_or_create(
        pk=ContentGeneration.SINGLETON,
        defaults={"number": 41, "next_publication": moment, "next_publication_known": True},
    )

    number, next_publication, known = ContentGeneration.objects.state()

    assert (number, next_publication, known) == (41, moment, True)
    assert timezone.is_aware(next_publication)
    assert known is True


def test_state_without_a_scheduled_publication():
    ContentGeneration.objects.update_or_create(
        pk=ContentGeneration.SINGLETON,
        defaults={"number": 7, "next_publication": None, "next_publication_known": False},
    )

    assert ContentGeneration.objects.state() == (7, None, False)
    assert ContentGeneration.objects.state()[2] is False


def test_state_makes_the_row_when_it_is_missing():
    ContentGeneration.objects.all().delete()

    assert ContentGeneration.objects.state() == (1, None, False)
    assert ContentGeneration.objects.filter(pk=ContentGeneration.SINGLETON).exists()
