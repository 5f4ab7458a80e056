"""Template tags: the sanitizing markdown filter, minutes for the lockout page."""

import datetime

import pytest
from django.template import Context, Template

from publishing.templatetags.publishing_tags import timedelta_minutes


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
