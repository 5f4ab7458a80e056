"""Template tags: the sanitizing markdown filter, minutes for the lockout page, the sourced-figure tag."""

import datetime

import pytest
from django.template import Context, Template, TemplateSyntaxError

from publishing.models import Citation, Confirmation, Source
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


PRICE = "{% sourced_figure price price_usd %}<b>${{ price_usd }}</b>{% unknown %}No price yet.{% endsourced_figure %}"
THIRD_PARTY = Source(title="Price list", url="https://example.org/prices", publisher="Example")


def price_citation(confirmation=Confirmation.SECONDARY, as_of=None):
    return Citation(
        source=THIRD_PARTY,
        as_of=as_of or datetime.date.today().replace(day=1),
        as_of_label="",
        confirmation=confirmation,
        editor_note="",
        kind="price",
    )


def test_sourced_figure_shows_the_value_with_its_citation():
    html = render(PRICE, price=price_citation(), price_usd=987)
    assert html.startswith("<b>$987</b> ")
    assert 'Source: <a href="https://example.org/prices"' in html and "third-party source" in html
    assert "possibly out of date" not in html and "No price yet." not in html


def test_sourced_figure_marks_a_possibly_outdated_value():
    html = render(PRICE, price=price_citation(as_of=datetime.date(2001, 5, 1)), price_usd=987)
    assert "<b>$987</b>" in html and "as of May 2001" in html and "possibly out of date" in html


def test_sourced_figure_never_renders_an_unconfirmed_value():
    html = render(PRICE, price=price_citation(Confirmation.UNCONFIRMED), price_usd=987)
    assert "987" not in html and "Source:" not in html
    assert '<span class="unconfirmed">Not confirmed yet</span>' in html


@pytest.mark.parametrize("context", [{"price_usd": 987}, {"price": price_citation(), "price_usd": None}])
def test_sourced_figure_says_a_missing_figure_in_the_pages_words(context):
    assert render(PRICE, **context) == "No price yet."


def test_sourced_figure_without_unknown_wording_shows_nothing_for_a_missing_figure():
    assert render("{% sourced_figure price price_usd %}${{ price_usd }}{% endsourced_figure %}", price_usd=9) == ""


def test_brief_sourced_figure_keeps_the_badges_and_leaves_out_source_and_date():
    html = render(
        "{% sourced_figure price price_usd brief %}${{ price_usd }}{% endsourced_figure %}",
        price=price_citation(as_of=datetime.date(2001, 5, 1)),
        price_usd=987,
    )
    assert "$987" in html and "third-party source" in html and "possibly out of date" in html
    assert "Source:" not in html and "2001" not in html


def test_sourced_figure_needs_a_citation():
    with pytest.raises(TemplateSyntaxError):
        render("{% sourced_figure %}x{% endsourced_figure %}")
