import math

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from publishing.models import SourcedFigure
from publishing.rich_text import render_markdown
from publishing.translation import shows_english

register = template.Library()

SOURCED_FIGURE_TEMPLATE = "includes/sourced_figure.html"


@register.filter(name="markdown")
def markdown_filter(text):
    """Render Markdown to sanitized HTML."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has sanitized it


@register.filter
def lines(text):
    """Non-empty lines of a plain-text field, for bulleted lists."""
    return [line.strip(" -*\t") for line in (text or "").splitlines() if line.strip(" -*\t")]


@register.filter
def timedelta_minutes(value):
    """A timedelta as whole minutes, rounded up (for "try again in N minutes")."""
    try:
        return max(1, math.ceil(value.total_seconds() / 60))
    except AttributeError:
        return ""


@register.tag
def sourced_figure(parser, token):
    """Show one figure in exactly one of its states (publishing.models.SourcedFigure), through
    templates/includes/sourced_figure.html:

        {% sourced_figure c.price_citation c.price_usd %}<strong>${{ c.price_usd }}</strong>
        {% unknown %}No confirmed price yet.{% endsourced_figure %}

    The first argument is the figure's citation (empty: no figure at all); the others are the values
    the body shows, and the figure is not known while none of them is filled in. The body is rendered
    only when the value may be shown; the optional {% unknown %} part is the page's wording for a
    figure not known yet. A last word `brief` leaves out the source and date, keeping the badges: for a
    figure in a summary next to another figure's citation, whose own page cites it in full."""
    arguments = token.split_contents()[1:]
    brief = arguments[-1:] == ["brief"]
    if brief:
        arguments.pop()
    if not arguments:
        raise template.TemplateSyntaxError("{% sourced_figure %} needs the figure's citation.")
    citation, *values = (parser.compile_filter(argument) for argument in arguments)
    value = parser.parse(("unknown", "endsourced_figure"))
    unknown = template.NodeList()
    if parser.next_token().contents == "unknown":
        unknown = parser.parse(("endsourced_figure",))
        parser.delete_first_token()
    return SourcedFigureNode(citation, values, value, unknown, brief)


class SourcedFigureNode(template.Node):
    child_nodelists = ("value", "unknown")

    def __init__(self, citation, values, value, unknown, brief):
        self.citation, self.values, self.value, self.unknown, self.brief = citation, values, value, unknown, brief

    def render(self, context):
        figure = SourcedFigure.of(
            self.citation.resolve(context, ignore_failures=True),
            *(value.resolve(context, ignore_failures=True) for value in self.values),
        )
        shown = {
            "figure": figure,
            "value": self.value.render(context) if figure.shows_value else "",
            "unknown": self.unknown.render(context) if not figure.is_known else "",
            "brief": self.brief,
        }
        include = context.template.engine.get_template(SOURCED_FIGURE_TEMPLATE)
        with context.push(**shown):
            return include.render(context)


def _english_only_label():
    return format_html(' <span class="badge text-bg-light english-only">{}</span>', gettext("English only"))


@register.simple_tag
def english_only(record, name):
    """The visible "English only" label after a text shown in English on a Spanish page; else nothing."""
    return _english_only_label() if shows_english(record, name) else ""


@register.simple_tag
def text_lang(record, name):
    """` lang="en"` for the element holding a text shown in English on a Spanish page; else nothing."""
    return mark_safe(' lang="en"') if shows_english(record, name) else ""


@register.simple_tag
def translated(record, name):
    """A record's text in the page's language; English in a `lang="en"` span, labelled, when it has no translation."""
    text = getattr(record, name)
    if not shows_english(record, name):
        return text
    return format_html('<span lang="en">{}</span>{}', text, _english_only_label())
