"""Template tags: the sanitizing markdown filter, minutes for the lockout page, the admin index summary."""

import datetime

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from publishing.templatetags.publishing_tags import content_review_summary, timedelta_minutes
from tests.factories import CertificationFactory, UserFactory


def render(source, **context):
    return Template("{% load publishing_tags %}" + source).render(Context(context))


def test_markdown_filter_renders_sanitized_html_unescaped():
    html = render("{{ body|markdown }}", body="**Fee** <script>alert(1)</script> [x](javascript:alert(1))")
    assert "<strong>Fee</strong>" in html
    assert "<script" not in html and "javascript:" not in html


def test_markdown_filter_is_the_only_unescaped_path():
    assert render("{{ body }}", body="<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"


@pytest.mark.parametrize(
    "value,expected",
    [(datetime.timedelta(minutes=30), 30), (datetime.timedelta(seconds=61), 2), (datetime.timedelta(0), 1), (None, "")],
)
def test_timedelta_minutes(value, expected):
    assert timedelta_minutes(value) == expected


@pytest.mark.django_db
def test_content_review_summary_links_to_the_filtered_lists(superuser):
    CertificationFactory(last_reviewed=timezone.localdate() - datetime.timedelta(days=400))
    request = RequestFactory().get("/admin/")
    request.user = superuser
    summary = content_review_summary({"request": request})
    assert summary["needs_review_total"] == 1
    assert summary["needing_review"][0]["url"] == "/admin/certifications/certification/?review=needed"


@pytest.mark.django_db
def test_content_review_summary_is_empty_for_a_user_without_permissions():
    CertificationFactory(last_reviewed=timezone.localdate() - datetime.timedelta(days=400))
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_staff=True)
    assert content_review_summary({"request": request})["needs_review_total"] == 0
