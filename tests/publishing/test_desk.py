"""publishing/desk.py: the publisher's desk on the admin index."""

import datetime

import pytest
from django.utils import timezone

from publishing.desk import publisher_desk
from tests.factories import CertificationFactory, UserFactory


@pytest.mark.django_db
def test_publisher_desk_links_to_the_filtered_lists(superuser):
    CertificationFactory(last_reviewed=timezone.localdate() - datetime.timedelta(days=400))
    summary = publisher_desk(user=superuser)
    assert summary["needs_review_total"] == 1
    assert summary["needing_review"][0]["url"] == "/admin/certifications/certification/?review=needed"


@pytest.mark.django_db
def test_publisher_desk_is_empty_for_a_user_without_permissions():
    CertificationFactory(last_reviewed=timezone.localdate() - datetime.timedelta(days=400))
    assert publisher_desk(user=UserFactory(is_staff=True))["needs_review_total"] == 0
